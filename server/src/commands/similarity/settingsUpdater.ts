import { DEFAULT_HIDE_IDENTITY_FROM_EXPERTS, type SimilaritySettings } from '@zlbg/shared'
import { recordAudit } from '../../audit/recorder'
import type { Models } from '../../models'
import type { Actor } from '../../policies'
import { flagSyncer } from './similarityChecker'

const identityLabel = (hidden: boolean) => (hidden ? '向评审专家隐去对方身份' : '向评审专家显示对方组织和标题')

/**
 * The office sets a call's similarity threshold, template text and whether experts see the other side
 * of a flag (each change of threshold or identity audited). A new threshold applies
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
  const hiddenBefore = before?.hideIdentityFromExperts ?? DEFAULT_HIDE_IDENTITY_FROM_EXPERTS
  if (hiddenBefore !== settings.hideIdentityFromExperts) {
    await recordAudit(models, actor, {
      action: 'similarity.expertIdentity',
      resource: { type: 'call', id: callId },
      from: identityLabel(hiddenBefore),
      to: identityLabel(settings.hideIdentityFromExperts),
    })
  }
  if (before?.thresholdPercent !== settings.thresholdPercent) {
    const apps = await models.Application.find({ callId, state: { $ne: 'draft' } }, { _id: 1 }).lean()
    for (const { _id } of apps) await flagSyncer(models, _id)
  }
  return settings
}
