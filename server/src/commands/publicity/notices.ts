import { publicityWindowDisplay, type ApplicationEvent, type ApplicationState } from '@zlbg/shared'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { PublicityRecord } from '../../models/publicity'
import type { EffectBuilder } from '../../workflow/transition'
import { applicationDetailLink } from '../applications/applicationSubmitter'

/**
 * The `notifyApplicant` effect of startPublicity: every member of the organization is told that the
 * application is in publicity and until when (第十八条). Nothing about objections, ever (第十三条).
 */
export const notifyApplicantOfPublicity =
  (models: Models, window: PublicityRecord['window']): EffectBuilder<ApplicationState, ApplicationEvent, ApplicationRecord> =>
  async ({ doc }) => {
    const title = doc.content.title?.trim() || '质量标杆典型经验申报'
    const org = await models.Organization.findById(doc.organizationId, { members: 1 }).lean()
    const period = publicityWindowDisplay(window.opensAt, window.closesAt)
    return (org?.members ?? []).map((m) => ({
      recipientUserId: m.userId,
      kind: 'application.publicityStarted',
      template: 'application_progress' as const,
      content: {
        title,
        body: `您的申报《${title}》已列入质量标杆典型经验公示名单，公示期：${period}。公示期满无异议的，视为通过公示。`,
        link: applicationDetailLink(doc._id.toHexString()),
        status: '公示中',
        note: `公示至${window.endDay}`,
      },
    }))
  }
