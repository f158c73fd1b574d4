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

/**
 * Reads the one file in `field` of a multipart request (what wx.uploadFile and a browser FormData
 * send). Past `maxBytes` the request is refused with 413 FILE_TOO_LARGE without buffering the rest; no
 * file, or not multipart, is 415 / 400. Other fields are ignored.
 */
export function readUpload(ctx: Context, { field, maxBytes }: { field: string; maxBytes: number }): Promise<UploadedFile> {
  if (!ctx.is('multipart/form-data')) return Promise.reject(new AppError('UNSUPPORTED_MEDIA_TYPE'))
  const declared = Number(ctx.get('content-length'))
  // The whole body cannot exceed the file limit by more than the multipart framing.
  if (Number.isFinite(declared) && declared > maxBytes + 64 * 1024) return Promise.reject(new AppError('FILE_TOO_LARGE'))
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy
    try {
      parser = busboy({ headers: ctx.req.headers, limits: { files: 1, fileSize: maxBytes, fields: 20, parts: 25 }, defParamCharset: 'utf8' })
    } catch {
      reject(new AppError('UNSUPPORTED_MEDIA_TYPE'))
      return
    }
    let found: UploadedFile | undefined
    let failure: AppError | undefined
    parser.on('file', (name, stream, info) => {
      if (name !== field || found || failure) {
        stream.resume()
        return
      }
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('limit', () => {
        failure = new AppError('FILE_TOO_LARGE')
      })
      stream.on('close', () => {
        if (!failure) found = { filename: info.filename || 'file', declaredType: info.mimeType, buffer: Buffer.concat(chunks) }
      })
    })
    parser.on('error', () => reject(failure ?? new AppError('VALIDATION_FAILED', { fields: [{ path: field, message: '上传内容不完整，请重试' }] })))
    parser.on('close', () => {
      if (failure) return reject(failure)
      if (!found || found.buffer.length === 0) {
        return reject(new AppError('VALIDATION_FAILED', { fields: [{ path: field, message: '请选择要上传的文件' }] }))
      }
      resolve(found)
    })
    ctx.req.pipe(parser)
  })
}
