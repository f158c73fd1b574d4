import type { Database } from '../db/connection'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'

export function systemHandlers(db: Database): Pick<Handlers, 'health' | 'ready'> {
  return {
    async health() {
      return { status: 'ok' }
    },
    async ready() {
      if (!(await db.ping())) throw new AppError('DATABASE_UNAVAILABLE')
      return { status: 'ready', database: 'up' }
    },
  }
}
