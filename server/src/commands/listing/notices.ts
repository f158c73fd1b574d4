import type mongoose from 'mongoose'
import { PAGES, type ApplicationEvent, type ApplicationState, type ListingEvent, type ListingState } from '@zlbg/shared'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { ListingRecord } from '../../models/listing'
import type { Notice } from '../../outbox/enqueue'
import type { EffectBuilder } from '../../workflow/transition'
import { applicationDetailLink } from '../applications/applicationSubmitter'

const titleOf = (app: Pick<ApplicationRecord, 'content'>) => app.content.title?.trim() || '质量标杆典型经验申报'

async function membersOf(models: Models, organizationId: mongoose.Types.ObjectId) {
  const org = await models.Organization.findById(organizationId, { members: 1 }).lean()
  return org?.members ?? []
}

/**
 * The `notifyApplicant` effect of rejectApproval (第十九条): the organization hears that the entry was
 * not approved — not the approver's reason in their words, which stays on the listing for the office.
 */
export const notApprovedNotice =
  (models: Models): EffectBuilder<ApplicationState, ApplicationEvent, ApplicationRecord> =>
  async ({ doc }) => {
    const title = titleOf(doc)
    return (await membersOf(models, doc.organizationId)).map((m) => ({
      recipientUserId: m.userId,
      kind: 'application.notApproved',
      template: 'application_progress' as const,
      content: {
        title,
        body: `您的申报《${title}》公示期满后，经中国质量协会审批，未列入本年度质量标杆典型经验名单。`,
        link: applicationDetailLink(doc._id.toHexString()),
        status: '未获批准',
        note: '如有疑问请联系质量标杆工作办公室',
      },
    }))
  }

/**
 * The `notifyOrganizations` effect of the listing's publish (第十九条): every member of each approved
 * application's organization hears that its experience is on the published list. Carried by the
 * listing's own step, so the notices land with the publication or not at all; the applications'
 * `publish` steps then say nothing more (one message, not two).
 */
export const listingPublishedNotices =
  (models: Models): EffectBuilder<ListingState, ListingEvent, ListingRecord> =>
  async ({ doc }) => {
    const apps = await models.Application.find({ _id: { $in: doc.approvedApplicationIds } }, { organizationId: 1, content: 1 }).lean<ApplicationRecord[]>()
    const notices: Notice[] = []
    for (const app of apps) {
      const title = titleOf(app)
      for (const m of await membersOf(models, app.organizationId)) {
        notices.push({
          recipientUserId: m.userId,
          kind: 'application.published',
          template: 'application_progress' as const,
          content: {
            title,
            body: `您的申报《${title}》已列入中国质量协会公布的${doc.year}年度质量标杆典型经验名单。`,
            link: applicationDetailLink(app._id.toHexString()),
            status: '已入选名单',
            note: '入选组织可参加交流活动（第二十条）',
          },
        })
      }
    }
    return notices
  }

/** The applications' own `publish` steps: told already by the listing's notice (listingPublishedNotices). */
export const alreadyToldByTheListing: EffectBuilder<ApplicationState, ApplicationEvent, ApplicationRecord> = () => []

/**
 * The office hears that a list was signed and waits for publication (第十九条): each active office or
 * administrator account, in the message center, queued with the listing itself.
 */
export async function listingApprovedNotices(models: Models, { callTitle, approved, heldBack }: { callTitle: string; approved: number; heldBack: number }): Promise<Notice[]> {
  const staff = await models.User.find({ roles: { $in: ['office', 'admin'] }, disabled: false }, { _id: 1 }).lean()
  return staff.map((u) => ({
    recipientUserId: u._id,
    kind: 'listing.approved',
    content: {
      title: '名单已批准，待公布',
      body: `「${callTitle}」的名单已由中国质量协会审批人签署：批准 ${approved} 项${heldBack ? `，不予批准 ${heldBack} 项` : ''}。请在办公室工作台「名单公布」中公布。`,
      link: PAGES.officeListing,
    },
  }))
}
