import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { Actor } from '../../policies'
import { applicationTransition } from '../../workflow/application'

/**
 * The office takes a submitted application into qualification review (第十五条); from then on the
 * organization can no longer withdraw it (第十四条). No notice: the applicant's stage label changes.
 */
export async function qualificationStarter({
  models,
  logger,
  id,
  actor,
  now = new Date(),
}: {
  models: Models
  logger?: Logger
  id: string
  actor: Actor
  now?: Date
}): Promise<ApplicationRecord> {
  const done = await applicationTransition({
    models,
    id,
    event: 'startQualification',
    actor,
    ...(logger ? { logger } : {}),
    now,
  })
  return done.doc
}
