import mongoose from 'mongoose'
import { removalStarter } from '../commands/removals/removalStarter'
import { announcementPublisher, removalApproverDecider, removalChairDecider } from '../commands/removals/removalSteps'
import type { Models } from '../models'
import type { ListedExperienceRecord } from '../models/listing'
import type { Actor } from '../policies'
import { ensureCommittee } from './demoObjections'

const DAY = 86_400_000

/**
 * Demo removals (第二十一条) of listed experiences that exist — the newest ones, published or
 * imported, so this runs after the published-list and import seeds: one removed with its
 * announcement published (the 名单 tab marks the entry and links the 公告), one waiting for "zhuren"
 * (the chair) in 评审工作台 → 移除确认. Each step goes through its command on a clock days ago.
 * Returns how many removals it made (0 when removals exist, when nothing is listed, or when no call
 * has a committee to decide).
 */
export async function seedDemoRemovals(models: Models, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  if ((await models.Removal.estimatedDocumentCount()) > 0) return 0
  const experiences = await models.ListedExperience.find({ state: 'listed' }).sort({ year: -1, publishedAt: -1, _id: -1 }).limit(2).lean<ListedExperienceRecord[]>()
  // An imported experience has no call: the latest committee decides (the demo committee, chaired by "zhuren").
  const latest = await models.Committee.findOne({}, { callId: 1 }).sort({ createdAt: -1 }).lean()
  if (experiences.length === 0 || !latest) return 0

  // The office's and the approver's steps are the demo's own (no such accounts exist before the first administrator's).
  const office: Actor = { displayName: '演示数据（办公室）', roles: ['office'], organizationIds: [], userId: new mongoose.Types.ObjectId().toHexString() }
  const approver: Actor = { displayName: '演示数据（审批人）', roles: ['approver'], organizationIds: [], userId: new mongoose.Types.ObjectId().toHexString() }
  const daysAgo = (n: number) => new Date(now.getTime() - n * DAY)

  const begin = async (experience: ListedExperienceRecord, reasonType: 'fraud' | 'major_accident', facts: string, at: Date) => {
    const callId = experience.callId ?? latest.callId
    // A call published here may have no committee of its own in the demo data (its applications were inserted already listed).
    await ensureCommittee(models, callId, at)
    const removal = await removalStarter({
      models,
      actor: office,
      now: at,
      input: { listedExperienceId: experience._id.toHexString(), reasonType, facts, evidenceIds: [], ...(experience.callId ? {} : { callId: callId.toHexString() }) },
    })
    return removal._id.toHexString()
  }

  // 1. Removed and announced: the chair, the approver, then the office's publication.
  const [first, second] = experiences
  const a = await begin(first!, 'major_accident', '经地方应急管理部门通报，该组织于近期发生一起造成人员伤亡的重大生产安全责任事故，事故调查报告认定其负有主要责任。', daysAgo(6))
  const chair = await chairOf(models, (await models.Removal.findById(a, { callId: 1 }).lean())!.callId)
  if (!chair) return 1
  await removalChairDecider({ models, actor: chair, id: a, decision: 'confirm', reason: '事故调查报告认定事实清楚，同意移除。', now: daysAgo(5) })
  await removalApproverDecider({ models, actor: approver, id: a, decision: 'confirm', now: daysAgo(4) })
  await announcementPublisher({ models, actor: office, id: a, now: daysAgo(3) })
  if (!second) return 1

  // 2. Waiting for the chair ("zhuren" in 评审工作台 → 移除确认).
  await begin(second, 'fraud', '经举报核查，该组织申报材料中与标杆组织的对比数据来源于未公开的第三方报告，原报告数据与申报数据明显不符，涉嫌弄虚作假。', daysAgo(1))
  return 2
}

/** The chair of the call's committee, as an actor, when it has an account. */
async function chairOf(models: Models, callId: mongoose.Types.ObjectId): Promise<Actor | undefined> {
  const committee = await models.Committee.findOne({ callId }, { chairId: 1 }).lean()
  const expert = committee && (await models.Expert.findById(committee.chairId, { userId: 1, name: 1 }).lean())
  if (!expert?.userId) return undefined
  return { userId: expert.userId.toHexString(), displayName: expert.name, roles: ['expert'], organizationIds: [] }
}
