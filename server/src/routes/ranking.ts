import type { Handlers } from '../http/bind'
import type { Logger } from '../logger'
import type { Models } from '../models'

type Names = never

/** Aggregation and ranking of a round, and the office's exports (第十六条, 第十七条). */
export function rankingHandlers(_models: Models, _deps: { logger: Logger }): Pick<Handlers, Names> {
  return {}
}
