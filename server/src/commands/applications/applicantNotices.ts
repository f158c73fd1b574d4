import { formatDate, type ApplicationEvent, type ApplicationState } from '@zlbg/shared'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { Notice } from '../../outbox/enqueue'
import type { EffectBuilder } from '../../workflow/transition'
import { applicationDetailLink } from './applicationSubmitter'

const titleOf = (app: Pick<ApplicationRecord, 'content'>) => app.content.title?.trim() || '质量标杆典型经验申报'

/**
 * What the organization is told about a qualification decision (第十五条). Built from the decision,
 * never from the actor: the applicant never learns who reviewed it (第十三条).
 */
export type QualificationOutcome =
  | { event: 'qualify' }
  | { event: 'disqualify'; reasons: { condition: string; reason: string }[] }
  | { event: 'requestSupplement'; message: string; deadline: Date }

function contentOf(app: ApplicationRecord, outcome: QualificationOutcome): Omit<Notice, 'recipientUserId'> {
  const title = titleOf(app)
  const link = applicationDetailLink(app._id.toHexString())
  switch (outcome.event) {
    case 'qualify':
      return {
        kind: 'application.qualified',
        template: 'application_progress',
        content: { title, body: `您的申报《${title}》已通过资格审查，将进入资料评审。`, link, status: '通过', note: '请留意后续评审安排' },
      }
    case 'disqualify':
      return {
        kind: 'application.ineligible',
        template: 'application_progress',
        content: {
          title,
          body: `您的申报《${title}》未通过资格审查。${outcome.reasons.map((r) => `${r.condition}：${r.reason}`).join('；')}`,
          link,
          status: '未通过',
          note: '不符合的条件及理由见申报详情',
        },
      }
    case 'requestSupplement':
      return {
        kind: 'application.supplementRequested',
        template: 'application_progress',
        content: {
          title,
          body: `您的申报《${title}》需要补正材料，请于 ${formatDate(outcome.deadline)} 前修改并重新提交。补正要求：${outcome.message}`,
          link,
          status: '需补正',
          time: outcome.deadline,
          note: '逾期未提交的，由办公室作出审查结论',
        },
      }
  }
}

/** Every member of the organization hears of the decision: the `notifyApplicant` effect of the machine. */
export function notifyApplicantOf(
  models: Models,
  outcome: QualificationOutcome,
): EffectBuilder<ApplicationState, ApplicationEvent, ApplicationRecord> {
  return async ({ doc }) => {
    const org = await models.Organization.findById(doc.organizationId, { members: 1 }).lean()
    const notice = contentOf(doc, outcome)
    return (org?.members ?? []).map((m) => ({ ...notice, recipientUserId: m.userId }))
  }
}
