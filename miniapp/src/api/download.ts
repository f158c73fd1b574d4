import Taro from '@tarojs/taro'
import type { RouteName } from '@zlbg/shared'
import { STRINGS } from '../strings'
import { authHeader, endSessionOnFailure, showApiError } from './client'
import { ApiError, apiErrorFromResponse, networkError, toApiError } from './errors'
import { routeOf } from './routeTable'
import { currentToken } from './session'
import { buildUrl, type PathParams, type QueryParams } from './url'

/**
 * File downloads (routes with `download` in the contract, e.g. the audit log as xlsx). The one
 * place where H5 and the mini-program differ: the browser saves the file, WeChat opens it.
 */

/** `attachment; filename*=UTF-8''%E5%AE%A1…xlsx` or `filename="x.xlsx"`; null when absent. */
export function filenameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim())
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header)
  return plain?.[1] ? plain[1].trim() : null
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

async function downloadInBrowser(url: string, token: string | null, fallbackName: string): Promise<void> {
  let response: Response
  try {
    response = await fetch(url, { headers: { ...authHeader(token) }, credentials: 'omit' })
  } catch {
    throw networkError()
  }
  if (!response.ok) {
    throw apiErrorFromResponse(response.status, parseJson(await response.text()))
  }
  const blob = await response.blob()
  const name = filenameFromDisposition(response.headers.get('Content-Disposition')) ?? fallbackName
  const href = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = href
  link.download = name
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Give the browser a moment to start reading the blob before it is released.
  setTimeout(() => URL.revokeObjectURL(href), 30_000)
}

const DOCUMENT_TYPES = ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'] as const
type DocumentType = (typeof DOCUMENT_TYPES)[number]

/** The extension of a file name, lower case; '' when it has none. */
function extensionOf(name: string): string {
  return /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? ''
}

async function downloadInMiniProgram(url: string, token: string | null, fallbackName: string): Promise<void> {
  let result: Taro.downloadFile.FileSuccessCallbackResult
  try {
    result = await Taro.downloadFile({ url, header: { ...authHeader(token) } })
  } catch {
    throw networkError()
  }
  if (result.statusCode < 200 || result.statusCode >= 300) {
    // The error body was written to the temporary file; read it back for its code and message.
    let body: unknown
    try {
      const text = Taro.getFileSystemManager().readFileSync(result.tempFilePath, 'utf8')
      body = typeof text === 'string' ? parseJson(text) : undefined
    } catch {
      body = undefined
    }
    throw apiErrorFromResponse(result.statusCode, body)
  }
  // WeChat opens documents by type and shows pictures in its image viewer (certificate scans).
  const ext = extensionOf(fallbackName)
  if (ext === 'jpg' || ext === 'jpeg' || ext === 'png') {
    await Taro.previewImage({ urls: [result.tempFilePath] })
    return
  }
  const fileType: DocumentType = (DOCUMENT_TYPES as readonly string[]).includes(ext) ? (ext as DocumentType) : 'xlsx'
  await Taro.openDocument({ filePath: result.tempFilePath, fileType, showMenu: true })
}

/**
 * Downloads a file route with the caller's session; failures are toasted and rethrown as ApiError.
 * `params` fills the route's path (`/api/applications/:id/attachments/:attachmentId`); the fallback
 * name's extension tells WeChat how to open the file.
 */
export async function downloadRoute(name: RouteName, query: QueryParams, fallbackName: string, params?: PathParams): Promise<void> {
  const route = routeOf(name)
  const url = buildUrl(API_BASE_URL, route.path, params, query)
  const token = currentToken()
  try {
    if (process.env.TARO_ENV === 'h5') {
      await downloadInBrowser(url, token, fallbackName)
    } else {
      await downloadInMiniProgram(url, token, fallbackName)
    }
  } catch (error) {
    const apiError = error instanceof ApiError ? error : toApiError(error)
    endSessionOnFailure(name, apiError, token)
    showApiError(apiError.code === 'UNEXPECTED_RESPONSE' ? new ApiError(apiError.code, STRINGS.download.failed) : apiError)
    throw apiError
  }
}

/** A call's form template (申报书模板 etc.), public like the call itself. */
export function downloadCallTemplate(callId: string, attachmentId: string, filename: string): Promise<void> {
  return downloadRoute('downloadCallTemplate', {}, filename, { id: callId, attachmentId })
}

/** `1.2 MB`, `35 KB`. */
export function fileSizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}
