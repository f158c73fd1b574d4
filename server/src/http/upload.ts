import busboy from 'busboy'
import type { Context } from 'koa'
import { AppError } from './errors'

/** One file read from a multipart/form-data request, before its type is judged from its content. */
export interface UploadedFile {
  /** The name the client sent, for display only: never trusted for the type or a path. */
  filename: string
  /** The type the client claimed; also untrusted. */
  declaredType: string
  buffer: Buffer
}

/** Room for the multipart framing and a few small fields around the file. */
const FRAMING_BYTES = 64 * 1024

const incomplete = (field: string) =>
  new AppError('VALIDATION_FAILED', { fields: [{ path: field, message: '上传内容不完整，请重试' }] })

/**
 * Reads the one file in `field` of a multipart request (what wx.uploadFile and a browser FormData
 * send). Past `maxBytes` the request is refused with 413 FILE_TOO_LARGE at once, holding at most
 * `maxBytes` in memory; the rest of the body is then drained unread by Node before the connection is
 * reused, so the client reads the 413 instead of a reset. No file is 400; not multipart is 415.
 * Any other part is 400, as unknown keys of a JSON body are (the document says the form holds the file alone).
 */
export function readUpload(ctx: Context, { field, maxBytes }: { field: string; maxBytes: number }): Promise<UploadedFile> {
  if (!ctx.is('multipart/form-data')) return Promise.reject(new AppError('UNSUPPORTED_MEDIA_TYPE'))
  const declared = Number(ctx.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes + FRAMING_BYTES) return Promise.reject(new AppError('FILE_TOO_LARGE'))
  const req = ctx.req
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy
    try {
      // busboy reports the limit when a file *reaches* fileSize, so one more byte lets exactly maxBytes through.
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes + 1, fields: 20, parts: 25 }, defParamCharset: 'utf8' })
    } catch {
      reject(new AppError('UNSUPPORTED_MEDIA_TYPE'))
      return
    }
    let settled = false
    let found: UploadedFile | undefined
    const finish = (error: AppError | undefined, file?: UploadedFile) => {
      if (settled) return
      settled = true
      req.off('close', onClose)
      if (error) {
        // Stop parsing and discard what the client still sends, so it reads the answer and the
        // connection stays usable. Node drains an unread request itself, but not one already piped.
        // The parser is destroyed later: not from inside its own 'limit' callback, which still touches its state.
        req.unpipe(parser)
        req.resume()
        parser.on('error', () => {})
        process.nextTick(() => parser.destroy())
        reject(error)
      } else {
        resolve(file!)
      }
    }
    // The client went away mid-upload: nobody reads the answer, but the buffered part must be let go.
    const onClose = () => {
      if (!req.complete) finish(incomplete(field))
    }
    req.on('close', onClose)

    // A part may come without a name at all: busboy then reports it as undefined.
    const unknownPart = (name: string | undefined) =>
      finish(new AppError('VALIDATION_FAILED', { fields: [{ path: name ?? '', message: `不允许的字段「${name ?? ''}」` }] }))
    parser.on('field', (name) => unknownPart(name))
    parser.on('file', (name, stream, info) => {
      if (name !== field) unknownPart(name)
      if (name !== field || found || settled) {
        stream.resume()
        return
      }
      const chunks: Buffer[] = []
      let size = 0
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > maxBytes) return
        chunks.push(chunk)
      })
      stream.on('limit', () => finish(new AppError('FILE_TOO_LARGE')))
      stream.on('error', () => finish(incomplete(field)))
      stream.on('end', () => {
        if (!settled && size <= maxBytes) found = { filename: info.filename || 'file', declaredType: info.mimeType, buffer: Buffer.concat(chunks) }
      })
    })
    parser.on('error', () => finish(incomplete(field)))
    parser.on('close', () => {
      if (!found || found.buffer.length === 0) {
        return finish(new AppError('VALIDATION_FAILED', { fields: [{ path: field, message: '请选择要上传的文件' }] }))
      }
      finish(undefined, found)
    })
    req.pipe(parser)
  })
}
