import { publicChange } from '../db/publicVersion'
import mongoose from 'mongoose'
import { applicationWindow, DEFAULT_PLEDGE_TEXT, inShanghai, nameKey } from '@zlbg/shared'
import { applicationCreator } from '../commands/applications/applicationCreator'
import { applicationDraftSaver } from '../commands/applications/applicationDraftSaver'
import { applicationSubmitter } from '../commands/applications/applicationSubmitter'
import { assignmentRunner } from '../commands/committees/assignmentRunner'
import { committeeSaver } from '../commands/committees/committeeSaver'
import { pledgeAcceptor } from '../commands/committees/pledgeAcceptor'
import { reviewStarter } from '../commands/committees/reviewStarter'
import { defenseSlotAssigner, defenseSlotConfirmer, defenseSlotCreator } from '../commands/defense/defenseSlots'
import { defenseStarter } from '../commands/defense/defenseStarter'
import { deliberationCreator, deliberationSaver } from '../commands/deliberations/deliberationWriter'
import { deliberationSigner } from '../commands/deliberations/deliberationSigner'
import { confirmedFindings } from '../commands/qualification/batchQualifier'
import { qualificationDecider } from '../commands/qualification/qualificationDecider'
import { qualificationStarter } from '../commands/qualification/qualificationStarter'
import { siteVisitCompleter, siteVisitRequester, siteVisitSaver } from '../commands/siteVisits/siteVisits'
import type { Models } from '../models'
import type { ApplicationRecord } from '../models/application'
import type { CallRecord } from '../models/call'
import type { CommitteeRecord } from '../models/committee'
import { actorInCall, type Actor } from '../policies'
import { applicationTransition } from '../workflow/application'
import { demoContent } from './demoApplications'

const DAY = 86_400_000
const HOUR = 3_600_000

/** The second batch's applicants: organizations seedDemoReview made (their WeChat codes in README). */
const APPLICANTS = [
  { organization: '示例新能源汽车零部件有限公司', title: '质量追溯数据驱动的供应商协同改进' },
  { organization: '示例电子科技股份有限公司', title: 'QC小组攻关提升贴片工艺一次合格率' },
  { organization: '示例智慧物流有限公司', title: '以服务质量测评驱动仓配一体化改进' },
  { organization: '示例路桥工程有限公司', title: '桥梁施工全过程质量数字化管控' },
  { organization: '示例商业银行股份有限公司', title: '客户旅程质量管理与投诉闭环' },
] as const

/**
 * Demo deliberation data (第十六条, 第十七条) for a fresh local database, after seedDemoReview: a
 * second batch of this year's call (第二批) whose application window closed six weeks ago, five
 * applications qualified and reviewed by the demo committee; a material-round deliberation signed by
 * the chair (three shortlisted, two not); the defense round started, defense slots per group (one
 * confirmed by its applicant, one waiting for confirmation, one open); a completed site visit with
 * findings; and the defense round's deliberation opened for its meeting, decisions still to record. Independent of
 * the demo scores. Everything goes through the commands, with the clock of the day it happened.
 * Returns the number of applications made (0 when a deliberation exists or seedDemoReview did not run).
 */
export async function seedDemoDeliberation(models: Models, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  if ((await models.Deliberation.estimatedDocumentCount()) > 0) return 0
  const first = await models.Call.findOne({ state: 'published' }).sort({ publishedAt: -1 }).lean<CallRecord>()
  const firstCommittee = first && (await models.Committee.findOne({ callId: first._id }, { pendingEffects: 0 }).lean<CommitteeRecord>())
  if (!first || !firstCommittee) return 0
  const office: Actor = { displayName: '演示数据', roles: ['office'], organizationIds: [] }

  // The second batch: the same call text, its schedule 130 days earlier (applications closed in the
  // spring, material review just over, defense in the coming weeks).
  const shift = 130 * DAY
  const { _id: _ignored, createdAt: _c, updatedAt: _u, ...rest } = first as CallRecord & { createdAt: Date; updatedAt: Date }
  const callId = new mongoose.Types.ObjectId()
  // A published call is public: inserted like any public change, so the public cache sees it at once.
  await publicChange(models.Call.db, 'calls', () => models.Call.create({
    ...rest,
    _id: callId,
    title: first.title.replace('的通知', '（第二批）的通知'),
    schedule: first.schedule.map((m) => ({ ...m, startsAt: new Date(m.startsAt.getTime() - shift), ...(m.endsAt ? { endsAt: new Date(m.endsAt.getTime() - shift) } : {}) })),
    publishedAt: new Date((first.publishedAt ?? now).getTime() - shift),
    corrections: [],
    templates: [],
  }))
  const call = (await models.Call.findById(callId).lean<CallRecord>())!
  const { opensAt, closesAt } = applicationWindow(call.schedule)
  const applied = new Date(Math.min(opensAt.getTime() + 2 * DAY, closesAt.getTime() - DAY))
  const reviewed = new Date(closesAt.getTime() + 3 * DAY)

  // Applications through the commands, on the day they were made, then qualified (第十四条, 第十五条).
  const apps: ApplicationRecord[] = []
  for (const [i, d] of APPLICANTS.entries()) {
    const org = await models.Organization.findOne({ nameKey: nameKey(d.organization) }).lean()
    if (!org) continue
    const userId = org.members[0]!.userId
    const actor: Actor = { userId: userId.toHexString(), displayName: '演示申报人', roles: ['wechat_user', 'org_member'], organizationIds: [org._id.toHexString()] }
    const at = new Date(applied.getTime() + i * HOUR)
    const draft = await applicationCreator({ models, actor, call, organizationId: org._id, now: at })
    const saved = await applicationDraftSaver({ models, actor, doc: draft, content: demoContent(i + 2, call.year, call.qualityMethods.slice(i % 3, (i % 3) + 2), d.title), now: at })
    await applicationSubmitter({ models, actor, doc: saved, now: at })
    const started = await qualificationStarter({ models, id: saved._id.toHexString(), actor: office, now: reviewed })
    const findings = confirmedFindings(started)
    if (!findings) continue
    apps.push(await qualificationDecider({ models, id: saved._id.toHexString(), actor: office, decision: { decision: 'qualify', findings }, now: reviewed }))
  }
  if (apps.length < 4) return apps.length

  // The same committee as the first batch (第十一条, 第十二条), assigned and reviewing (第十六条).
  const ids = (list: mongoose.Types.ObjectId[]) => list.map((id) => id.toHexString())
  await committeeSaver({
    models,
    actor: office,
    callId,
    now: reviewed,
    input: {
      chairId: firstCommittee.chairId.toHexString(),
      viceChairIds: ids(firstCommittee.viceChairIds),
      groups: firstCommittee.groups.map((g) => ({ name: g.name, sectors: g.sectors, industries: g.industries, leaderId: g.leaderId.toHexString(), memberIds: ids(g.memberIds) })),
      pledgeText: DEFAULT_PLEDGE_TEXT,
      reviewersPerApplication: 3,
      maxPerExpert: 6,
      reviewDeadline: inShanghai(new Date(reviewed.getTime() + 14 * DAY)).format('YYYY-MM-DD'),
    },
  })
  await assignmentRunner({ models, actor: office, callId, now: reviewed })
  const committee = await reviewStarter({ models, actor: office, callId, now: reviewed })
  const materialDay = new Date(reviewed.getTime() + DAY)
  for (const app of apps) await applicationTransition({ models, id: app._id, event: 'startMaterialReview', actor: office, now: materialDay })

  // The chair and the vice chair, as they act in this call, having accepted its pledge (第十三条).
  const asExpert = async (expertId: mongoose.Types.ObjectId, at: Date): Promise<Actor> => {
    const expert = (await models.Expert.findById(expertId).lean())!
    const actor = await actorInCall(models, { userId: expert.userId?.toHexString(), displayName: expert.name, roles: ['expert'], organizationIds: [] }, callId.toHexString())
    await pledgeAcceptor({ models, actor, committee, expertId: expertId.toHexString(), now: at })
    return actor
  }
  const chair = await asExpert(committee.chairId, materialDay)
  await asExpert(committee.viceChairIds[0]!, materialDay)
  const attendeeIds = [committee.chairId, ...committee.viceChairIds, ...committee.groups.map((g) => g.leaderId), committee.groups[0]!.memberIds[0]!].map((id) => id.toHexString())

  // The material round's deliberation, signed by the chair: three shortlisted, the rest not (第十六条).
  const meetDay = new Date(now.getTime() - 6 * DAY)
  const material = await deliberationCreator({ models, callId: callId.toHexString(), actor: office, now: meetDay, input: { round: 'material', date: inShanghai(meetDay).format('YYYY-MM-DD'), place: '中国质量协会第一会议室', attendeeIds } })
  const shortlisted = apps.slice(0, 3).map((a) => a._id.toHexString())
  const drafted = await deliberationSaver({
    models,
    record: material,
    actor: office,
    now: meetDay,
    input: {
      date: material.date,
      place: material.place,
      attendeeIds,
      minutes: '会议由主任委员主持，出席委员逐件审议资料评审结果，有回避关系的委员未参与相应申报的决定。',
      items: material.items.map((i) => {
        const id = i.applicationId.toHexString()
        return { applicationId: id, decision: shortlisted.includes(id) ? 'shortlisted' : 'not_shortlisted', notes: shortlisted.includes(id) ? '方法系统、成效数据完整，同意入围答辩评审。' : '量化成效与对标数据不足。' }
      }),
    },
  })
  await deliberationSigner({ models, record: drafted, actor: chair, now: new Date(meetDay.getTime() + 2 * HOUR) })

  // Defense (第十七条): started, slots per group, one confirmed by its applicant, one waiting.
  const defenseDay = new Date(now.getTime() - 5 * DAY)
  await defenseStarter({ models, callId: callId.toHexString(), actor: office, now: defenseDay })
  const placed = (await models.Committee.findOne({ callId }, { placements: 1 }).lean())!.placements
  const groupOf = (id: string) => placed.find((p) => p.applicationId.toHexString() === id)!.groupId.toHexString()
  const at = (days: number, hhmm: string) => `${inShanghai(new Date(now.getTime() + days * DAY)).format('YYYY-MM-DD')}T${hhmm}:00+08:00`
  const slotFor = async (applicationId: string | null, groupId: string, startsAt: string, onlineLink?: string) => {
    const slot = await defenseSlotCreator({ models, callId: callId.toHexString(), actor: office, now: defenseDay, input: { groupId, startsAt, durationMinutes: 40, place: '中国质量协会第二会议室', ...(onlineLink ? { onlineLink } : {}) } })
    return applicationId ? defenseSlotAssigner({ models, slot, applicationId, actor: office, now: defenseDay }) : slot
  }
  await slotFor(shortlisted[0]!, groupOf(shortlisted[0]!), at(7, '09:00'), 'https://meeting.example.cn/zlbg-defense-1')
  await slotFor(shortlisted[1]!, groupOf(shortlisted[1]!), at(7, '10:00'))
  await slotFor(null, groupOf(shortlisted[2]!), at(8, '09:00'))
  const firstApp = apps[0]!
  const firstOrg = (await models.Organization.findById(firstApp.organizationId).lean())!
  await defenseSlotConfirmer({
    models,
    application: firstApp,
    actor: { userId: firstOrg.members[0]!.userId.toHexString(), roles: ['wechat_user', 'org_member'], organizationIds: [firstOrg._id.toHexString()] },
    now: new Date(defenseDay.getTime() + DAY),
  })

  // A site visit with findings (现场考察, 第十七条), completed: the application is back in defense review.
  const visited = (await models.Application.findById(shortlisted[2]).lean<ApplicationRecord>())!
  const visitDay = inShanghai(new Date(now.getTime() - 3 * DAY)).format('YYYY-MM-DD')
  const visit = await siteVisitRequester({ models, application: visited, actor: office, now: defenseDay, input: { reason: '委员会对申报材料中的成效数据来源有疑问，需现场核实。', team: ['王海峰', '孙丽'], date: visitDay } })
  const writeUp = { team: ['王海峰', '孙丽'], date: visitDay, findings: '现场查阅了近三年质量改进项目台账和客户投诉记录，抽查数据与申报材料一致；改进机制已在两个分支机构推广。', conclusion: '成效数据属实，可进入答辩评审合议。', attachments: [] }
  const saved = await siteVisitSaver({ models, visit, actor: office, input: writeUp, now: new Date(now.getTime() - 2 * DAY) })
  await siteVisitCompleter({ models, visit: saved, actor: office, input: writeUp, now: new Date(now.getTime() - 2 * DAY) })

  // The defense round's deliberation, opened for the meeting after the defenses: the office records
  // the decisions there, then the chair signs (第十七条).
  const defenseMeet = inShanghai(new Date(now.getTime() + 9 * DAY)).format('YYYY-MM-DD')
  await deliberationCreator({ models, callId: callId.toHexString(), actor: office, now: new Date(now.getTime() - DAY), input: { round: 'defense', date: defenseMeet, place: '中国质量协会第一会议室', attendeeIds } })
  return apps.length
}
