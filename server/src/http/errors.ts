import { ERRORS, RULE_FAILED_STATUS, type ErrorCode, type FieldError } from '@zlbg/shared'

/** A failure the client should see, rendered by the error middleware as the one error shape. */
export class AppError extends Error {
  readonly status: number
  constructor(
    readonly code: ErrorCode,
    options: { message?: string; fields?: FieldError[]; currentState?: string; retryAfterSeconds?: number; status?: number } = {},
  ) {
    super(options.message ?? ERRORS[code].message)
    this.status = options.status ?? ERRORS[code].status
    this.fields = options.fields
    this.currentState = options.currentState
    this.retryAfterSeconds = options.retryAfterSeconds
  }
  readonly fields: FieldError[] | undefined
  readonly currentState: string | undefined
  readonly retryAfterSeconds: number | undefined
}

export const notFound = (code: ErrorCode = 'NOT_FOUND') => new AppError(code)
/** 400: input the OpenAPI document already refuses. */
export const validationFailed = (fields: FieldError[]) => new AppError('VALIDATION_FAILED', { fields })
/** 422: input the document accepts, refused by a rule it cannot state (shared/src/errors.ts). */
export const ruleFailed = (fields: FieldError[]) => new AppError('VALIDATION_FAILED', { fields, status: RULE_FAILED_STATUS })
export const stateConflict = (currentState: string) => new AppError('STATE_CONFLICT', { currentState })
