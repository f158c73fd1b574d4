import mongoose from 'mongoose'
import { inShanghai, type Sector } from '@zlbg/shared'
import { hashPassword } from '../auth/passwords'
import { approvalSigner } from '../commands/listing/approval'
import { listingPublisher } from '../commands/listing/publication'
import { workCalendar } from '../commands/calendar/calendarData'
import { moveListedApplications, openPublicity } from '../commands/publicity/publicityStarter'
import { closePublicities } from '../jobs/publicityClose'
import type { Models } from '../models'
import type { CallRecord } from '../models/call'
import type { PublicityRecord } from '../models/publicity'
import { loginKey } from '../models/user'
import type { Actor } from '../policies'
import { DEMO_EXPERT_PASSWORD } from './demoReview'
import { batchOf, DEMO_PUBLICITY_CONTACT, recommended, windowNear } from './demoPublicity'

const DAY = 86_400_000

/** The demo CAQ approver (第十九条): signs in at 我的 → 工作人员/专家登录 with the demo experts' password. */
export const DEMO_APPROVER = { username: 'shenpi', name: '周审批（中国质量协会）' } as const

/** This year's first batch: its publicity closed three weeks ago, its list waits for the approver. */
const FIRST_BATCH = [
  { organization: '示例电力装备股份有限公司', title: '全生命周期可靠性管理提升输变电设备质量', sector: 'manufacturing', province: '210000' },
  { organization: '示例物流服务有限公司', title: '以数据驱动的冷链物流服务质量管控', sector: 'services', province: '310000' },
  { organization: '示例市政工程有限公司', title: '市政道路工程质量标准化与样板引路', sector: 'construction', province: '420000' },
] as const satisfies readonly { organization: string; title: string; sector: Sector; province: string }[]

async function demoApprover(models: Models): Promise<Actor> {
  let user = await models.User.findOne({ username: DEMO_APPROVER.username }, { displayName: 1 }).lean()
  if (!user) {
    const created = await models.User.create({
      logins: [loginKey.username(DEMO_APPROVER.username)],
      username: DEMO_APPROVER.username,
      displayName: DEMO_APPROVER.name,
      passwordHash: await hashPassword(DEMO_EXPERT_PASSWORD),
      roles: ['approver'],
    })
    user = created.toObject()
  }
  return { userId: user._id.toHexString(), displayName: user.displayName, roles: ['approver'], organizationIds: [] }
}

/**
 * Demo approval and publication (第十九条), after seedDemoPublicity: the demo approver `shenpi`; last
 * year's closed call, whose publicity closed about ten months ago, approved by them a week after and
 * published by the office a week later — through the same commands the routes use, so its experiences
 * are on the 名单 and its organizations listed; and this year's first batch, whose three recommended
 * entries passed a publicity that closed three weeks ago, waiting in the approver's queue. Does
 * nothing once a listing exists. Answers the number of experiences published (0 when nothing was made).
 */
export async function seedDemoListing(models: Models, { now = new Date() }: { now?: Date } = {}): Promise<{ published: number; awaiting: number }> {
  if ((await models.Listing.estimatedDocumentCount()) > 0) return { published: 0, awaiting: 0 }
  const approver = await demoApprover(models)
  const officeUser = await models.User.findOne({ roles: 'office' }, { displayName: 1 }).lean()
  const office: Actor = {
    userId: (officeUser?._id ?? new mongoose.Types.ObjectId()).toHexString(),
    displayName: officeUser?.displayName ?? '质量标杆工作办公室',
    roles: ['office'],
    organizationIds: [],
  }

  let published = 0
  const closedCall = await models.Call.findOne({ state: 'closed' }).sort({ publishedAt: -1 }).lean<CallRecord>()
  const lastYear = closedCall ? await models.Publicity.findOne({ callId: closedCall._id, state: 'closed' }).lean<PublicityRecord>() : null
  if (closedCall && lastYear?.closedAt) {
    const passed = lastYear.entries.filter((e) => e.status === 'passed')
    const signedAt = new Date(lastYear.closedAt.getTime() + 7 * DAY)
    if (passed.length > 0 && signedAt.getTime() < now.getTime()) {
      await approvalSigner({
        models,
        actor: approver,
        callId: closedCall._id.toHexString(),
        input: { decisions: passed.map((e) => ({ applicationId: e.applicationId.toHexString(), decision: 'approve' as const })), note: '经审核，同意列入质量标杆典型经验名单。' },
        now: signedAt,
      })
      await listingPublisher({ models, actor: office, callId: closedCall._id.toHexString(), now: new Date(Math.min(signedAt.getTime() + 7 * DAY, now.getTime())) })
      published = passed.length
    }
  }
  return { published, awaiting: await firstBatchAwaiting(models, { actor: office, now }) }
}

/**
 * This year's first batch (第一批): the call's text, its schedule 260 days earlier; three recommended
 * experiences listed on a working day about five weeks ago, the window closed and the closing job run
 * (all passed). Skipped when the calendar does not confirm those days or the window has not closed.
 */
async function firstBatchAwaiting(models: Models, { actor, now }: { actor: Actor; now: Date }): Promise<number> {
  const first = await models.Call.findOne({ state: 'published' }).sort({ publishedAt: -1 }).lean<CallRecord>()
  if (!first) return 0
  const window = windowNear(await workCalendar(models), inShanghai(new Date(now.getTime() - 35 * DAY)).format('YYYY-MM-DD'), 1)
  if (!window || Date.parse(window.closesAt) + 10 * 60_000 >= now.getTime()) return 0
  const callId = await batchOf(models, first, { batch: '第一批', shiftDays: 260, now })
  const listedAt = new Date(`${window.startDay}T09:00:00+08:00`)
  await recommended(models, { callId, year: first.year, methods: first.qualityMethods, entries: FIRST_BATCH, submitted: new Date(listedAt.getTime() - 120 * DAY), createdBy: actor.userId! })
  const { list } = await openPublicity(models, { callId, window, contact: DEMO_PUBLICITY_CONTACT, actor, now: listedAt })
  await moveListedApplications(models, list, { actor, now: listedAt })
  await closePublicities(models, { now: new Date(Date.parse(window.closesAt) + 5 * 60_000) })
  return list.entries.length
}
