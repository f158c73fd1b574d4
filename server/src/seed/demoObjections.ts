import mongoose from 'mongoose'
import { inShanghai } from '@zlbg/shared'
import { objectionFiler } from '../commands/objections/objectionFiler'
import {
  committeeSubmitter,
  explanationRequester,
  findingsRecorder,
  investigationStarter,
  objectionDecider,
  objectionReplier,
} from '../commands/objections/objectionHandling'
import type { Models } from '../models'
import type { PublicityRecord } from '../models/publicity'
import { loginKey } from '../models/user'
import type { Actor } from '../policies'
import type { ContentSecurity } from '../wechat/contentSecurity'
import { standInOpenId } from '../wechat/standin'

const HOUR = 3_600_000

/** The demo objectors: WeChat users of the stand-in (我的 → 模拟微信登录 with the code). */
export const DEMO_OBJECTORS = [
  { code: 'yiyi.1', name: '陈立群' },
  { code: 'yiyi2.1', name: '林晓东' },
] as const

/** What WeChat's check said of the demo text: passed, except one it "could not judge" (the office's moderation queue). */
const judged = (verdict: 'pass' | 'pending'): ContentSecurity => ({ checkText: async () => verdict })

/**
 * Demo objections (第十八条) on the open publicity list the demo publicity made (seedDemoPublicity):
 * one just received (its text waiting for the office's moderation), one under investigation with the
 * applicant asked to explain, one put to the committee for "zhuren" (the chair) to decide, and one
 * dismissed by the vice chair and replied to. Filed by two demo WeChat users at times inside the
 * window, each step through its command on the clock of its hour. Returns how many were filed (0
 * when objections exist, when there is no open list whose window has begun, or no stand-in).
 */
export async function seedDemoObjections(models: Models, { wechatAppId, now = new Date() }: { wechatAppId: string; now?: Date }): Promise<number> {
  if ((await models.Objection.estimatedDocumentCount()) > 0) return 0
  const list = await models.Publicity.findOne({ state: 'open', 'window.opensAt': { $lte: now }, 'window.closesAt': { $gte: now } }, { pendingEffects: 0 })
    .sort({ publishedAt: -1 })
    .lean<PublicityRecord>()
  const entries = list?.entries.filter((e) => e.status === 'listed') ?? []
  if (!list || entries.length === 0) return 0

  await ensureCommittee(models, list.callId, now)
  const objectors: Actor[] = []
  for (const d of DEMO_OBJECTORS) {
    const openid = standInOpenId(wechatAppId, d.code)
    const user =
      (await models.User.findOne({ wechatOpenid: openid }).lean()) ??
      (await models.User.create({ logins: [loginKey.wechat(openid)], displayName: d.name, wechatOpenid: openid, roles: [] })).toObject()
    objectors.push({ userId: user._id.toHexString(), displayName: d.name, roles: ['wechat_user'], organizationIds: [], ip: '127.0.0.1' })
  }
  // The office's steps are the demo's own (no office account exists before the first administrator's).
  const office: Actor = { displayName: '演示数据', roles: ['office'], organizationIds: [], userId: new mongoose.Types.ObjectId().toHexString() }
  // Spread over the time the window has been open (even if it opened minutes ago), the oldest first.
  const span = now.getTime() - list.window.opensAt.getTime()
  const at = (share: number) => new Date(now.getTime() - Math.floor(span * share))
  const entry = (i: number) => entries[i % entries.length]!

  const file = async (i: number, who: Actor, share: number, text: string, verdict: 'pass' | 'pending') => {
    const filedAt = at(share)
    const { objection } = await objectionFiler({
      models,
      contentSecurity: judged(verdict),
      actor: who,
      clock: () => filedAt,
      input: {
        publicityId: list._id.toHexString(),
        entryId: entry(i)._id.toHexString(),
        idempotencyKey: `demo-objection-${i}`,
        kind: 'person',
        realName: who.displayName!,
        phone: `1380000000${i}`,
        grounds: text,
        evidenceIds: [],
      },
    })
    return { id: objection._id.toHexString(), filedAt }
  }
  const later = (d: Date, hours: number) => new Date(Math.min(d.getTime() + hours * HOUR, now.getTime()))

  // 1. Dismissed and replied (the oldest).
  const a = await file(0, objectors[0]!, 0.9, '该组织申报材料中“客户投诉率下降 60%”的数据与其官网公布的年度社会责任报告不一致，请核实数据来源。', 'pass')
  await investigationStarter({ models, actor: office, id: a.id, now: later(a.filedAt, 1) })
  await findingsRecorder({ models, actor: office, id: a.id, now: later(a.filedAt, 2), input: { text: '调阅该组织第三方审计的年度质量报告，投诉率口径为每万单投诉数，与申报材料一致；官网报告口径不同。', verifiedBy: '办公室 刘核查、张复核', evidenceIds: [] } })
  await committeeSubmitter({ models, actor: office, id: a.id, now: later(a.filedAt, 3) })
  const vice = await viceChairOf(models, list)
  if (vice) {
    await objectionDecider({ models, actor: vice, id: a.id, outcome: 'dismissed', reasons: '经审议，数据口径差异已由第三方审计报告说明，异议所述情况不成立。', now: later(a.filedAt, 4) })
    await objectionReplier({ models, actor: office, id: a.id, now: later(a.filedAt, 5), text: '经调查核实并报评审委员会审议，您反映的数据差异系统计口径不同所致，异议不成立。感谢您的监督。' })
  }

  // 2. Put to the committee: "zhuren" decides it in 评审工作台 → 异议审议.
  const b = await file(1, objectors[1]!, 0.6, '据了解，该组织申报的质量改进项目在推广中曾发生一起产品召回，申报材料未提及，请核实是否影响示范性。', 'pass')
  await investigationStarter({ models, actor: office, id: b.id, now: later(b.filedAt, 1) })
  await findingsRecorder({ models, actor: office, id: b.id, now: later(b.filedAt, 2), input: { text: '经查市场监管部门公开信息，该组织上年度有一次主动召回，已整改完毕，与申报项目相关。', verifiedBy: '办公室 王调查', evidenceIds: [] } })
  await committeeSubmitter({ models, actor: office, id: b.id, now: later(b.filedAt, 3) })

  // 3. Under investigation, the applicant asked to explain (demo applicant's 我的申报 shows it).
  const c = await file(2, objectors[0]!, 0.4, '该组织申报材料中与标杆企业的对比数据未注明来源，怀疑存在夸大，请核实对比数据的来源和口径。', 'pass')
  await investigationStarter({ models, actor: office, id: c.id, now: later(c.filedAt, 1) })
  await explanationRequester({
    models,
    actor: office,
    id: c.id,
    now: later(c.filedAt, 2),
    input: { text: '请说明申报材料“显效性”部分与标杆组织对比数据的来源、统计口径和时间范围，并附相关证明材料。', quoteGrounds: false, deadline: inShanghai(new Date(now.getTime() + 5 * 24 * HOUR)).format('YYYY-MM-DD') },
  })

  // 4. Just received; WeChat could not judge its text, so it waits in the moderation queue.
  await file(3, objectors[1]!, 0.1, '该组织的经验与其他组织往年的典型经验高度相似，请核实是否存在抄袭。', 'pending')
  return 4
}

/** The first vice chair of the list's call, as an actor, when the call has a committee with accounts. */
async function viceChairOf(models: Models, list: PublicityRecord): Promise<Actor | undefined> {
  const committee = await models.Committee.findOne({ callId: list.callId }, { viceChairIds: 1 }).lean()
  const expertId = committee?.viceChairIds[0]
  const expert = expertId && (await models.Expert.findById(expertId, { userId: 1, name: 1 }).lean())
  if (!expert?.userId) return undefined
  return { userId: expert.userId.toHexString(), displayName: expert.name, roles: ['expert'], organizationIds: [] }
}

/**
 * The list's call is decided by a committee (第十八条 报评审委员会审议). The demo publicity's call has
 * none of its own (its applications were inserted already recommended): it gets the demo committee of
 * the latest call that has one, plainly demo data, with the pledges its members signed there, so
 * "zhuren" decides its objections.
 */
export async function ensureCommittee(models: Models, callId: mongoose.Types.ObjectId, now: Date): Promise<void> {
  if (await models.Committee.exists({ callId })) return
  const source = await models.Committee.findOne({}, { pendingEffects: 0 }).sort({ createdAt: -1 }).lean()
  if (!source) return
  const { _id: _id, createdAt: _c, updatedAt: _u, ...rest } = source as typeof source & { createdAt: Date; updatedAt: Date }
  await models.Committee.create({ ...rest, callId, placements: [] })
  const pledges = await models.Pledge.find({ callId: source.callId, version: source.pledgeVersion }).lean()
  for (const p of pledges) {
    const { _id: _p, ...pledge } = p
    await models.Pledge.create({ ...pledge, callId, acceptedAt: now })
  }
}
