import type { Handlers } from '../http/bind'
import type { Logger } from '../logger'
import type { Models } from '../models'

type Names = never

/** Deliberation (合议) and sign-off, defense slots, site visits (第十六条, 第十七条). */
export function deliberationsHandlers(_models: Models, _deps: { logger: Logger }): Pick<Handlers, Names> {
  return {}
}
