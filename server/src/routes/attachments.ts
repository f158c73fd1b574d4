// PLACEHOLDER — replaced by the implementation of this file's routes (issue #6/#7 work in progress).
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { FileStorage } from '../storage'

type Names = 'uploadAttachment'

export function attachmentHandlers(_models: Models, _deps: { storage: FileStorage }): Pick<Handlers, Names> {
  const missing = async (): Promise<never> => {
    throw new AppError('NOT_FOUND')
  }
  return new Proxy({}, { get: () => missing }) as Pick<Handlers, Names>
}
