import { PAGES, type NameReview } from '@zlbg/shared'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { OrganizationRecord } from '../../models/organization'
import type { Actor } from '../../policies'
import { requireAcceptableText, SECURITY_SCENES, type ContentSecurity } from '../../wechat/contentSecurity'
import { organizationNameResource } from '../../workflow/organizationName'
import { applyAction, applyTransition, type EffectBuilder } from '../../workflow/transition'

/**
 * A name is free text the public writes and others read: WeChat's check refuses a risky one
 * (400 CONTENT_RISKY, nothing saved) and one it could not judge waits for the office.
 */
export async function checkName(models: Models, contentSecurity: ContentSecurity, actor: Actor, name: string): Promise<NameReview> {
  const user = await models.User.findById(actor.userId, { wechatOpenid: 1 }).lean()
  const verdict = await requireAcceptableText(contentSecurity, {
    text: name,
    ...(user?.wechatOpenid ? { openid: user.wechatOpenid } : {}),
    scene: SECURITY_SCENES.profile,
  })
  return verdict === 'pass' ? 'passed' : 'pending'
}

/** Every member is told the office's decision, and a rejection's reason. */
const notifyMembers: EffectBuilder<NameReview, string, OrganizationRecord> = ({ doc, to, reason }) =>
  doc.members.map((m) => ({
    recipientUserId: m.userId,
    kind: `organization.name.${to}`,
    content: {
      title: to === 'passed' ? '组织名称已通过审核' : '组织名称未通过审核',
      body: to === 'passed' ? `「${doc.name}」已通过审核。` : `「${doc.name}」未通过审核：${reason}。请修改名称。`,
      link: PAGES.me,
    },
  }))

/**
 * The office decides a pending name: one conditional update carries the decision, its audit record
 * and the members' notices, so two reviewers deciding at once cannot both win (409 for the second).
 */
export async function nameReviewer({
  models,
  actor,
  id,
  decision,
  reason,
  logger,
}: {
  models: Models
  actor: Actor
  id: string
  decision: 'approve' | 'reject'
  reason?: string
  logger?: Logger
}): Promise<OrganizationRecord> {
  const done = await applyTransition({
    ...organizationNameResource(models),
    id,
    event: decision,
    actor,
    ...(reason ? { reason } : {}),
    audit: { action: 'organization.reviewName' },
    effects: { notifyMembers },
    ...(decision === 'reject' ? { set: { nameReviewReason: reason } } : { unset: ['nameReviewReason'] }),
    ...(logger ? { logger } : {}),
  })
  return done.doc
}

/**
 * Members rename the organization (in any review state, the machine's `rename`); the new name is
 * checked again and its verdict is the review state it lands in. The name, the verdict and the audit
 * record (old name → new name) are one update.
 */
export async function organizationRenamer({
  models,
  contentSecurity,
  actor,
  doc,
  name,
  logger,
}: {
  models: Models
  contentSecurity: ContentSecurity
  actor: Actor
  doc: OrganizationRecord
  name: string
  logger?: Logger
}): Promise<OrganizationRecord> {
  const nameReview = await checkName(models, contentSecurity, actor, name)
  return applyAction({
    ...organizationNameResource(models),
    id: doc._id,
    action: 'rename',
    actor,
    set: { name, nameReview },
    unset: ['nameReviewReason'],
    audit: { from: doc.name, to: name },
    ...(logger ? { logger } : {}),
  })
}
