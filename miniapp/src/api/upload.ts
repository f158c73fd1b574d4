import Taro from '@tarojs/taro'
import { ATTACHMENT_FIELD, ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type AttachmentView, type ResponseOf, type RouteName } from '@zlbg/shared'
import { authHeader, endSessionOnFailure, showApiError } from './client'
import { ApiError, apiErrorFromResponse, networkError, toApiError } from './errors'
import { routeOf } from './routeTable'
import { currentToken } from './session'
import { buildUrl } from './url'

/**
 * Attachments (POST /api/attachments, multipart field `file`): the one place where choosing and
 * sending a file differs between the mini-program (chat files + wx.uploadFile) and the browser (a
 * file input + XMLHttpRequest, for upload progress). The server judges the type from the content;
 * the extension and size checks here only spare a doomed upload.
 */

export type Attachment = AttachmentView

/** A file the person picked, before it is sent. */
export interface PickedFile {
  name: string
  size: number
  /** weapp: the temporary path; H5: the File itself. */
  source: string | File
}

/** Extensions the server can accept (its list of content types), for the pickers' filters. */
export const ATTACHMENT_EXTENSIONS: readonly string[] = [...new Set(Object.values(ATTACHMENT_TYPES).map((t) => t.ext)), 'jpeg']

/** Why a picked file will not be accepted, or null; the server repeats both checks (413 / 415). */
export function pickedFileProblem(file: Pick<PickedFile, 'name' | 'size'>): 'tooLarge' | 'wrongType' | 'empty' | null {
  if (file.size === 0) return 'empty'
  if (file.size > ATTACHMENT_MAX_BYTES) return 'tooLarge'
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase()
  if (ext && !ATTACHMENT_EXTENSIONS.includes(ext)) return 'wrongType'
  return null
}

// The public call page shows and downloads files without uploading any: those two live in download.ts,
// so the upload code stays in the subpackages.
export { fileSizeText } from './download'

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return text
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The browser keeps one hidden file input; tests reach it as `input.zlbg-file-input`. */
function browserFileInput(extensions: readonly string[]): HTMLInputElement {
  const existing = document.querySelector<HTMLInputElement>('input.zlbg-file-input')
  const input = existing ?? document.createElement('input')
  input.accept = extensions.map((ext) => `.${ext}`).join(',')
  if (existing) return input
  input.type = 'file'
  input.className = 'zlbg-file-input'
  input.style.display = 'none'
  document.body.appendChild(input)
  return input
}

interface Platform {
  /** Opens the system's file chooser; null when the person cancels. Call straight from a tap. */
  pick: () => Promise<PickedFile | null>
  /** Sends the file; resolves with the HTTP status and the parsed body. */
  send: (file: PickedFile, url: string, token: string | null, onProgress: (percent: number) => void) => Promise<{ status: number; body: unknown }>
}

/**
 * The platform split, in one place: WeChat's APIs in the mini-program, the DOM in the browser. Files
 * of `extensions` go up in the multipart `field` (attachments by default; the expert import takes xlsx).
 */
function platform(field = ATTACHMENT_FIELD, extensions: readonly string[] = ATTACHMENT_EXTENSIONS): Platform {
  if (process.env.TARO_ENV === 'h5') {
    return {
      pick: () =>
        new Promise((resolve) => {
          const input = browserFileInput(extensions)
          input.value = ''
          input.onchange = () => {
            const file = input.files?.[0]
            resolve(file ? { name: file.name, size: file.size, source: file } : null)
          }
          input.oncancel = () => resolve(null)
          input.click()
        }),
      send: (file, url, token, onProgress) =>
        new Promise((resolve, reject) => {
          const xhr = new XMLHttpRequest()
          xhr.open('POST', url)
          xhr.withCredentials = false
          for (const [key, value] of Object.entries({ Accept: 'application/json', ...authHeader(token) })) xhr.setRequestHeader(key, value)
          xhr.upload.onprogress = (event) => {
            if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100))
          }
          xhr.onload = () => resolve({ status: xhr.status, body: parseJson(xhr.responseText) })
          xhr.onerror = () => reject(networkError())
          xhr.ontimeout = () => reject(networkError())
          const form = new FormData()
          form.append(field, file.source as File, file.name)
          xhr.send(form)
        }),
    }
  }
  return {
    pick: async () => {
      try {
        const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: [...extensions] })
        const file = tempFiles[0]
        return file ? { name: file.name, size: file.size, source: file.path } : null
      } catch {
        // WeChat rejects with "cancel" when the person closes the chooser.
        return null
      }
    },
    send: async (file, url, token, onProgress) => {
      const task = Taro.uploadFile({
        url,
        filePath: file.source as string,
        name: field,
        header: { Accept: 'application/json', ...authHeader(token) },
      })
      task.progress((update) => onProgress(update.progress))
      let result: Taro.uploadFile.SuccessCallbackResult
      try {
        result = await task
      } catch {
        throw networkError()
      }
      return { status: result.statusCode, body: parseJson(result.data) }
    },
  }
}

/** Opens the file chooser; null when cancelled. Must run straight from a tap (the browser requires it). */
export function pickAttachmentFile(): Promise<PickedFile | null> {
  return platform().pick()
}

/**
 * Uploads a picked file through the `uploadAttachment` route with the caller's session. Failures
 * (413 FILE_TOO_LARGE, 415 FILE_TYPE_NOT_ALLOWED, …) reject with the server's ApiError; they are
 * toasted unless `toast: false`.
 */
export async function uploadAttachment(
  file: PickedFile,
  { onProgress = () => undefined, toast = true }: { onProgress?: (percent: number) => void; toast?: boolean } = {},
): Promise<Attachment> {
  const url = buildUrl(API_BASE_URL, routeOf('uploadAttachment').path)
  const token = currentToken()
  try {
    const { status, body } = await platform().send(file, url, token, onProgress)
    if (status >= 200 && status < 300 && body && typeof body === 'object') return body as Attachment
    throw apiErrorFromResponse(status, body)
  } catch (error) {
    const apiError = error instanceof ApiError ? error : toApiError(error)
    const ended = endSessionOnFailure('uploadAttachment', apiError, token)
    if (ended || toast) showApiError(apiError)
    throw apiError
  }
}

/** Opens the chooser for a spreadsheet (the expert import); null when cancelled. Straight from a tap. */
export function pickSpreadsheet(): Promise<PickedFile | null> {
  return platform('file', ['xlsx']).pick()
}

/** Uploads a picked spreadsheet to an upload route of the contract (field `file`); failures are toasted and rethrown. */
export async function uploadSpreadsheet<N extends RouteName>(name: N, file: PickedFile): Promise<ResponseOf<N>> {
  const url = buildUrl(API_BASE_URL, routeOf(name).path)
  const token = currentToken()
  try {
    const { status, body } = await platform('file', ['xlsx']).send(file, url, token, () => undefined)
    if (status >= 200 && status < 300 && body && typeof body === 'object') return body as ResponseOf<N>
    throw apiErrorFromResponse(status, body)
  } catch (error) {
    const apiError = error instanceof ApiError ? error : toApiError(error)
    endSessionOnFailure(name, apiError, token)
    showApiError(apiError)
    throw apiError
  }
}
