import mongoose from 'mongoose'
import { MESSAGE_TEMPLATE_LABELS, MESSAGE_TEMPLATES, type MessageTemplate, type SubscriptionsView } from '@zlbg/shared'
import type { Models } from '../models'
import type { SubscriptionCreditRecord } from '../models/subscriptionCredit'
import { templateById, type TemplateSettings } from '../wechat/templates'

/**
 * Send credits for WeChat subscription messages (models/subscriptionCredit.ts): one per acceptance
 * the mini-program reports, one used per message sent.
 */

/** Unused credits a person may hold per template; reports beyond this add nothing (WeChat counts its own). */
export const MAX_CREDITS_PER_TEMPLATE = 20

/** Records the templates the user accepted in one prompt: one credit each. Unknown template ids are ignored. */
export async function grantCredits(
  models: Models,
  { userId, openid, accepted, templates, now = new Date() }: { userId: string; openid: string; accepted: readonly string[]; templates: TemplateSettings; now?: Date },
): Promise<number> {
  let granted = 0
  for (const templateId of accepted) {
    const template = templateById(templates, templateId)
    if (!template) continue
    const held = await models.SubscriptionCredit.countDocuments({ openid, templateId, usedBy: null })
    if (held >= MAX_CREDITS_PER_TEMPLATE) continue
    await models.SubscriptionCredit.create({
      openid,
      userId: new mongoose.Types.ObjectId(userId),
      template,
      templateId,
      grantedAt: now,
    })
    granted++
  }
  return granted
}

/**
 * Uses one credit for the outbox record `key`, with one conditional update (`usedBy: null` → key), so
 * two workers cannot spend the same credit. A retry of the same record gets back the credit it took.
 */
export async function takeCredit(
  models: Models,
  { openid, templateId, key, now }: { openid: string; templateId: string; key: string; now: Date },
): Promise<SubscriptionCreditRecord | null> {
  const already = await models.SubscriptionCredit.findOne({ usedBy: key }).lean()
  if (already) return already
  return models.SubscriptionCredit.findOneAndUpdate(
    { openid, templateId, usedBy: null },
    { $set: { usedBy: key, usedAt: now } },
    { sort: { grantedAt: 1 }, new: true },
  ).lean()
}

/** The configured templates with the caller's unused credits for each. */
export async function subscriptionsOf(models: Models, openid: string | undefined, templates: TemplateSettings): Promise<SubscriptionsView> {
  const configured = MESSAGE_TEMPLATES.filter((name): name is MessageTemplate => !!templates[name])
  const counts = new Map<string, number>()
  if (openid && configured.length) {
    const rows = await models.SubscriptionCredit.aggregate<{ _id: string; n: number }>([
      { $match: { openid, usedBy: null, templateId: { $in: configured.map((name) => templates[name]!.id) } } },
      { $group: { _id: '$templateId', n: { $sum: 1 } } },
    ])
    for (const row of rows) counts.set(row._id, row.n)
  }
  return {
    templates: configured.map((name) => ({
      name,
      title: MESSAGE_TEMPLATE_LABELS[name],
      templateId: templates[name]!.id,
      credits: counts.get(templates[name]!.id) ?? 0,
    })),
  }
}
