import type { Handlers } from '../http/bind'
import type { Logger } from '../logger'
import type { Models } from '../models'

type Names = never

/** Scoring (第十六条, 第十七条): rubric and settings, the experts' scores, progress, reopening. */
export function scoringHandlers(_models: Models, _deps: { logger: Logger }): Pick<Handlers, Names> {
  return {}
}
