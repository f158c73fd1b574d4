import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { Actor } from '../../policies'
import { applicationTransition } from '../../workflow/application'

/**
 * Withdraws a submitted application (第十四条), possible until qualification review starts (the
 * machine accepts 'withdraw' only from 'submitted'). Its place among the call's per-organization
 * applications is released in the same update, so the organization can apply again.
 */
export async function applicationWithdrawer({
  models,
  actor,
  id,
  reason,
  logger,
  now = new Date(),
}: {
  models: Models
  actor: Actor
  id: string
  reason?: string
  logger?: Logger
  now?: Date
}): Promise<ApplicationRecord> {
  const done = await applicationTransition({
    models,
    id,
    event: 'withdraw',
    actor,
    ...(reason ? { reason } : {}),
    set: { slot: `released:${id}` },
    ...(logger ? { logger } : {}),
    now,
  })
  return done.doc
}
