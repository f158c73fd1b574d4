import mongoose from 'mongoose'
import { EventInputSchema, inShanghai, RegistrationInputSchema, type EventInput } from '@zlbg/shared'
import type { z } from 'zod'
import { eventStepper } from '../commands/events/eventStepper'
import { eventCreator } from '../commands/events/eventWriter'
import { listedYearsOf } from '../commands/events/eligibility'
import { registrar } from '../commands/events/registrar'
import type { Models } from '../models'
import { loginKey } from '../models/user'
import type { Actor } from '../policies'
import type { ContentSecurity } from '../wechat/contentSecurity'
import { standInOpenId } from '../wechat/standin'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** The demo member of the public who registered on the online event's public quota (我的 → 模拟微信登录). */
export const DEMO_EVENT_GUEST = { code: 'huodong.1', name: '赵晓燕' } as const

/** The demo's names and titles are the demo's own: WeChat's check passed them. */
const passed: ContentSecurity = { checkText: async () => 'pass' }

/** An event form with instants `days` from now, at 09:00–17:00 Beijing time. */
function form(now: Date, startDay: number, over: Partial<EventInput> & Pick<EventInput, 'title'>): EventInput {
  const day = inShanghai(now).add(startDay, 'day').format('YYYY-MM-DD')
  const at = (hhmm: string, shiftDays = 0) => new Date(new Date(`${day}T${hhmm}:00+08:00`).getTime() + shiftDays * DAY).toISOString()
  return {
    description:
      '本次交流活动邀请质量标杆典型经验所在组织分享本组织的典型经验（第二十条），介绍质量管理方法的应用过程、取得的成效与可推广的做法，并设互动交流环节。',
    mode: 'offline',
    place: '北京市西城区月坛南街 中国质量协会 三层报告厅',
    startsAt: at('09:00'),
    endsAt: at('17:00'),
    registrationOpensAt: new Date(Math.min(now.getTime() - 3 * DAY, new Date(at('09:00', -30)).getTime())).toISOString(),
    registrationClosesAt: at('18:00', -3),
    cancellationDeadline: at('18:00', -2),
    capacity: 40,
    listedYears: [],
    publicQuota: 0,
    agenda: [
      { at: '09:00', item: '开幕致辞' },
      { at: '09:30', item: '入选组织典型经验分享（一）' },
      { at: '11:00', item: '入选组织典型经验分享（二）' },
      { at: '14:00', item: '分组交流与现场答疑' },
      { at: '16:30', item: '总结' },
    ],
    materialIds: [],
    ...over,
  }
}

/** Members of listed organizations the demo registers (after the demo list is published), one per organization. */
async function listedRegistrants(models: Models, limit: number): Promise<{ actor: Actor; organizationId: string; years: number[] }[]> {
  const orgs = await models.Organization.find({ listed: true, 'members.0': { $exists: true } }, { members: 1 }).sort({ _id: 1 }).limit(limit).lean()
  const out = []
  for (const org of orgs) {
    const { years } = await listedYearsOf(models, org._id)
    const userId = org.members[0]!.userId.toHexString()
    out.push({ actor: { userId, displayName: '入选组织联系人', roles: ['listed_org_member', 'wechat_user'], organizationIds: [org._id.toHexString()], ip: '127.0.0.1' } as Actor, organizationId: org._id.toHexString(), years })
  }
  return out
}

const PEOPLE = [
  ['王建国', '质量总监'],
  ['李敏', '质量管理部部长'],
  ['张伟', '六西格玛黑带'],
  ['刘芳', '卓越绩效推进办主任'],
  ['陈强', '生产副总经理'],
  ['杨洁', 'QC 小组负责人'],
] as const
const phone = (i: number) => `1380010${String(1000 + i).slice(-4)}`

/**
 * Demo exchange events (第二十条), every state a newcomer should see, each through its command on the
 * clock of its moment: an offline meeting open for registration in two weeks (few seats, so the
 * waitlist shows), an online session with a public quota next week, one held last month, one the
 * office cancelled, and a draft. Members of listed organizations register — when the demo has listed
 * organizations (the demo publication of last year's list makes them; without one, the events stay
 * without their registrations); a demo WeChat user ("huodong.1") registers on the public quota.
 * Returns how many events it made (0 when events exist).
 */
export async function seedDemoEvents(models: Models, { wechatAppId, now = new Date() }: { wechatAppId: string; now?: Date }): Promise<number> {
  if ((await models.Event.estimatedDocumentCount()) > 0) return 0
  // The office's steps are the demo's own (no office account exists before the first administrator's).
  const office: Actor = { displayName: '演示数据', roles: ['office'], organizationIds: [], userId: new mongoose.Types.ObjectId().toHexString() }
  const year = inShanghai(now).year()
  const make = async (input: EventInput, at: Date) => (await eventCreator({ models, actor: office, input: EventInputSchema.parse(input), now: at }))._id.toHexString()
  const step = (id: string, s: Parameters<typeof eventStepper>[0]['step'], at: Date, reason?: string) =>
    eventStepper({ models, actor: office, id, step: s, now: at, ...(reason ? { reason } : {}) })
  const register = (actor: Actor, eventId: string, input: z.input<typeof RegistrationInputSchema>, at: Date) =>
    registrar({ models, contentSecurity: passed, actor, eventId, input: RegistrationInputSchema.parse(input), clock: () => at })

  const registrants = await listedRegistrants(models, 4)
  let n = 0
  const attendees = (count: number) => Array.from({ length: count }, () => {
    const [name, title] = PEOPLE[n % PEOPLE.length]!
    return { name, title, phone: phone(n++) }
  })

  // Offline, in two weeks: the listed organizations of the last three years; six seats, so the demo's registrations fill them and one waits.
  const meetingYears = [year - 1, year - 2, year - 3]
  const meeting = await make(form(now, 14, { title: `${year}年质量标杆典型经验交流会（北京）`, capacity: 6, listedYears: meetingYears }), new Date(now.getTime() - 4 * DAY))
  await step(meeting, 'publish', new Date(now.getTime() - 3 * DAY))
  for (const [i, r] of registrants.filter((x) => x.years.some((y) => meetingYears.includes(y))).entries()) {
    await register(r.actor, meeting, { idempotencyKey: `demo-meeting-${i}`, organizationId: r.organizationId, attendees: attendees(i === 0 ? 3 : 2) }, new Date(now.getTime() - (2 * DAY - i * HOUR)))
  }

  // Online, next week: any listed organization, and twenty seats for the public.
  const onlineId = await make(
    form(now, 7, { title: '数字化质量管控专题线上交流', mode: 'online', place: undefined, link: 'https://meeting.example.com/j/zlbg-demo', capacity: 30, publicQuota: 20 }),
    new Date(now.getTime() - 5 * DAY),
  )
  await step(onlineId, 'publish', new Date(now.getTime() - 4 * DAY))
  const openid = standInOpenId(wechatAppId, DEMO_EVENT_GUEST.code)
  const guest =
    (await models.User.findOne({ wechatOpenid: openid }).lean()) ??
    (await models.User.create({ logins: [loginKey.wechat(openid)], displayName: DEMO_EVENT_GUEST.name, wechatOpenid: openid, roles: [] })).toObject()
  const guestActor: Actor = { userId: guest._id.toHexString(), displayName: DEMO_EVENT_GUEST.name, roles: ['wechat_user'], organizationIds: [], ip: '127.0.0.1' }
  await register(guestActor, onlineId, { idempotencyKey: 'demo-online-guest', attendees: [{ name: DEMO_EVENT_GUEST.name, title: '质量工程师', phone: '13900012345' }] }, new Date(now.getTime() - 3 * DAY))
  if (registrants[0]) await register(registrants[0].actor, onlineId, { idempotencyKey: 'demo-online-0', organizationId: registrants[0].organizationId, attendees: attendees(1) }, new Date(now.getTime() - 2 * DAY))

  // Held last month.
  const held = await make(form(now, -30, { title: '质量标杆典型经验交流会（上海站）', place: '上海市浦东新区 世博中心 会议室 A', capacity: 60 }), new Date(now.getTime() - 60 * DAY))
  await step(held, 'publish', new Date(now.getTime() - 58 * DAY))
  for (const [i, r] of registrants.slice(0, 2).entries()) {
    await register(r.actor, held, { idempotencyKey: `demo-held-${i}`, organizationId: r.organizationId, attendees: attendees(1) }, new Date(now.getTime() - 40 * DAY))
  }
  await step(held, 'closeRegistration', new Date(now.getTime() - 33 * DAY))
  await step(held, 'markHeld', new Date(now.getTime() - 29 * DAY))

  // Cancelled by the office, with its reason (the public sees it).
  const cancelled = await make(form(now, 21, { title: '质量标杆典型经验交流会（广州站）', place: '广州市天河区 广东省质量协会 报告厅' }), new Date(now.getTime() - 10 * DAY))
  await step(cancelled, 'publish', new Date(now.getTime() - 9 * DAY))
  await step(cancelled, 'cancel', new Date(now.getTime() - DAY), '会场改造，本站活动取消，后续安排另行通知')

  // A draft: the office's alone.
  await make(form(now, 45, { title: '质量标杆典型经验交流会（成都站）', place: '成都市高新区 天府国际会议中心' }), now)
  return 5
}
