import { formatDateTime, type ApplicationEvent, type DecisionEvent, type ApplicationState, type MessageTemplate } from '@zlbg/shared'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { NoticeContent } from '../../models/outbox'
import type { Notice } from '../../outbox/enqueue'
import type { EffectBuilder } from '../../workflow/transition'
import { applicationDetailLink } from '../applications/applicationSubmitter'

const titleOf = (app: Pick<ApplicationRecord, 'content'>) => app.content.title?.trim() || '质量标杆典型经验申报'

/**
 * What the organization is told of a review step (第十六条, 第十七条). Built from the outcome alone —
 * never from the deliberation's notes, the scores or who decided (第十三条).
 */
export type ReviewOutcome =
  | { event: DecisionEvent | 'startDefense' }
  | { event: 'requestSiteVisit'; date: string }
  | { event: 'defenseSlot'; startsAt: Date; place?: string; online: boolean }

function contentOf(app: ApplicationRecord, outcome: ReviewOutcome): { kind: string; template: MessageTemplate; content: NoticeContent } {
  const title = titleOf(app)
  const link = applicationDetailLink(app._id.toHexString())
  const progress = (kind: string, body: string, status: string, note?: string) => ({
    kind,
    template: 'application_progress' as const,
    content: { title, body, link, status, ...(note ? { note } : {}) },
  })
  switch (outcome.event) {
    case 'shortlist':
      return progress('application.shortlisted', `您的申报《${title}》经评审委员会合议，入围答辩评审。答辩时间和地点将另行通知。`, '入围答辩', '请留意答辩安排通知')
    case 'rejectAfterMaterialReview':
      return progress('application.notShortlisted', `您的申报《${title}》经评审委员会合议，未入围答辩评审。感谢您的参与。`, '未入围')
    case 'recommend':
      return progress('application.recommended', `您的申报《${title}》经答辩评审和评审委员会合议，获推荐为质量标杆典型经验，将进入公示。`, '获推荐', '公示安排将另行通知')
    case 'rejectAfterDefense':
      return progress('application.notRecommended', `您的申报《${title}》经答辩评审和评审委员会合议，未获推荐。感谢您的参与。`, '未获推荐')
    case 'startDefense':
      return progress('application.defenseStarted', `您的申报《${title}》已进入答辩评审。答辩时间和地点将另行通知，请留意。`, '答辩评审', '请留意答辩安排通知')
    case 'requestSiteVisit':
      return {
        kind: 'application.siteVisitRequested',
        template: 'defense_schedule',
        content: { title, body: `评审委员会拟于 ${outcome.date} 对贵单位进行现场考察（第十七条），办公室将与您联系具体安排。`, link, status: '现场考察', note: '请做好接待准备' },
      }
    case 'defenseSlot': {
      const where = outcome.online ? (outcome.place ? `${outcome.place}（亦可线上参加）` : '线上会议') : outcome.place ?? ''
      return {
        kind: 'application.defenseScheduled',
        template: 'defense_schedule',
        content: {
          title,
          body: `您的申报《${title}》答辩安排：${formatDateTime(outcome.startsAt)}，${where}。请在小程序“我的申报”中确认。`,
          link,
          status: '待确认',
          time: outcome.startsAt,
          note: '请按时参加答辩',
        },
      }
    }
  }
}

/** Every member of the organization: the notices of one outcome. */
export async function applicantNotices(models: Models, app: ApplicationRecord, outcome: ReviewOutcome): Promise<Notice[]> {
  const org = await models.Organization.findById(app.organizationId, { members: 1 }).lean()
  const notice = contentOf(app, outcome)
  return (org?.members ?? []).map((m) => ({ ...notice, recipientUserId: m.userId }))
}

/** The `notifyApplicant` effect of an application step. */
export const notifyApplicantOfReview =
  (models: Models, outcome: ReviewOutcome): EffectBuilder<ApplicationState, ApplicationEvent, ApplicationRecord> =>
  ({ doc }) =>
    applicantNotices(models, doc, outcome)

