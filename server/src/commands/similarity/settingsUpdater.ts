import type { SimilaritySettings } from '@zlbg/shared'
import { recordAudit } from '../../audit/recorder'
import type { Models } from '../../models'
import type { Actor } from '../../policies'
import { flagSyncer } from './similarityChecker'

/**
 * The office sets a call's similarity threshold and template text (audited). A new threshold applies
 * at once: every application of the call has its flags brought up to date from the recorded pairs. A
 * new template text applies from the next check of each application (its boilerplate changes).
 */
export async function similaritySettingsUpdater({
  models,
  callId,
  actor,
  settings,
}: {
  models: Models
  callId: string
  actor: Actor
  settings: SimilaritySettings
}): Promise<SimilaritySettings> {
  const before = await models.SimilaritySettings.findById(callId).lean()
  await models.SimilaritySettings.updateOne({ _id: callId }, { $set: settings }, { upsert: true })
  await recordAudit(models, actor, {
    action: 'similarity.settings',
    resource: { type: 'call', id: callId },
    ...(before ? { from: `${before.thresholdPercent}%` } : {}),
    to: `${settings.thresholdPercent}%`,
  })
  if (before?.thresholdPercent !== settings.thresholdPercent) {
    const apps = await models.Application.find({ callId, state: { $ne: 'draft' } }, { _id: 1 }).lean()
    for (const { _id } of apps) await flagSyncer(models, _id)
  }
  return settings
}
