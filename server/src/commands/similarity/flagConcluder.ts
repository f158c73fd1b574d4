import { similarityFlagMachine, type SimilarityConclusion, type SimilarityFlagEvent, type SimilarityFlagState } from '@zlbg/shared'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { SimilarityFlagRecord } from '../../models/similarity'
import type { Actor } from '../../policies'
import { applyTransition } from '../../workflow/transition'

/**
 * 第二十一条: the office's conclusion on a flag of copied text — explained, referred for removal, or
 * the application disqualified — or a conclusion reopened; one audited step of similarityFlagMachine
 * with its reason. Disqualifying records the conclusion; the application's own state changes through
 * the qualification decision (第十五条) or, once listed, the removal procedure.
 */
export async function flagConcluder({
  models,
  logger,
  id,
  actor,
  conclusion,
  now = new Date(),
}: {
  models: Models
  logger?: Logger
  id: string
  actor: Actor
  conclusion: SimilarityConclusion
  now?: Date
}): Promise<SimilarityFlagRecord> {
  const reopening = conclusion.conclusion === 'reopen'
  const done = await applyTransition<SimilarityFlagState, SimilarityFlagEvent, SimilarityFlagRecord>({
    models,
    model: models.SimilarityFlag,
    machine: similarityFlagMachine,
    id,
    event: conclusion.conclusion,
    actor,
    reason: conclusion.reason,
    resourceType: 'similarityFlag',
    notFound: 'SIMILARITY_FLAG_NOT_FOUND',
    ...(reopening ? { unset: ['conclusion'] } : { set: { conclusion: { reason: conclusion.reason, by: actor.displayName ?? '办公室', at: now } } }),
    ...(logger ? { logger } : {}),
    now,
  })
  return done.doc
}
