import type { ErrorCode, FieldError } from '@zlbg/shared'
import { STRINGS } from '../strings'

/** Failures the client itself detects, besides the server's own codes. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE' | 'HTTP_ERROR'

/** What every failed call rejects with: the server's error body, or a client-side stand-in. */
export class ApiError extends Error {
  readonly code: ErrorCode | ClientErrorCode
  readonly status: number | undefined
  readonly fields: FieldError[]
  /** For 429 answers (LOGIN_LOCKED, RATE_LIMITED) and a full line (503 SERVER_BUSY): seconds until a retry can succeed. */
  readonly retryAfterSeconds: number | undefined

  constructor(
    code: ErrorCode | ClientErrorCode,
    message: string,
    status?: number,
    fields: FieldError[] = [],
    retryAfterSeconds?: number,
  ) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.status = status
    this.fields = fields
    this.retryAfterSeconds = retryAfterSeconds
  }

  get isNetworkError(): boolean {
    return this.code === 'NETWORK_ERROR'
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Reads `{ error: { code, message, fields? } }`. Checked loosely on purpose: a code this build does
 * not know yet still carries a Chinese message worth showing.
 */
export function apiErrorFromResponse(status: number, data: unknown): ApiError {
  const error = isRecord(data) ? data.error : undefined
  if (isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
    const fields = Array.isArray(error.fields)
      ? error.fields
          .filter((f): f is FieldError => isRecord(f) && typeof f.path === 'string' && typeof f.message === 'string')
          // The server names a request body's fields `body.title`; forms are the body, so they see `title`.
          .map((f) => (f.path.startsWith('body.') ? { ...f, path: f.path.slice('body.'.length) } : f))
      : []
    const retryAfter = typeof error.retryAfterSeconds === 'number' ? error.retryAfterSeconds : undefined
    return new ApiError(error.code as ErrorCode, error.message, status, fields, retryAfter)
  }
  return new ApiError('HTTP_ERROR', STRINGS.network.requestFailed(status), status)
}

export function networkError(): ApiError {
  return new ApiError('NETWORK_ERROR', STRINGS.network.failed)
}

export function unexpectedResponse(status: number): ApiError {
  return new ApiError('UNEXPECTED_RESPONSE', STRINGS.network.unexpected, status)
}

/** Anything thrown while calling the API, as an ApiError; a non-API failure is a client bug, shown generically. */
export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('UNEXPECTED_RESPONSE', STRINGS.network.unexpected)
}
