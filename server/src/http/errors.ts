import { ERRORS, type ErrorCode, type FieldError } from '@zlbg/shared'

/** A failure the client should see, rendered by the error middleware as the one error shape. */
export class AppError extends Error {
  readonly status: number
  constructor(
    readonly code: ErrorCode,
    options: { message?: string; fields?: FieldError[]; currentState?: string; retryAfterSeconds?: number } = {},
  ) {
    super(options.message ?? ERRORS[code].message)
    this.status = ERRORS[code].status
    this.fields = options.fields
    this.currentState = options.currentState
    this.retryAfterSeconds = options.retryAfterSeconds
  }
  readonly fields: FieldError[] | undefined
  readonly currentState: string | undefined
  readonly retryAfterSeconds: number | undefined
}

export const notFound = (code: ErrorCode = 'NOT_FOUND') => new AppError(code)
export const validationFailed = (fields: FieldError[]) => new AppError('VALIDATION_FAILED', { fields })
export const stateConflict = (currentState: string) => new AppError('STATE_CONFLICT', { currentState })
