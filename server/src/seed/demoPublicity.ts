import mongoose from 'mongoose'
import { applicationMachine, inShanghai, nameKey, publicityWindow, type PublicityWindow, type Sector, type WorkCalendar } from '@zlbg/shared'
import { nextReceiptNumber } from '../commands/applications/applicationSubmitter'
import { workCalendar } from '../commands/calendar/calendarData'
import { moveListedApplications, openPublicity } from '../commands/publicity/publicityStarter'
import { publicChange } from '../db/publicVersion'
import { closePublicities } from '../jobs/publicityClose'
import type { Models } from '../models'
import type { CallRecord } from '../models/call'
import type { Actor } from '../policies'
import { demoContent } from './demoApplications'

const DAY = 86_400_000

/**
 * The window of the nearest working day to `day` (YYYY-MM-DD) going `step` days at a time (+1: on
 * or after, -1: on or before), on `calendar`; undefined when the calendar does not confirm the year
 * it reaches (第十八条: never guessed). Tests and the demo pick start days this way, never fixed dates.
 */
export function windowNear(calendar: WorkCalendar, day: string, step: 1 | -1): PublicityWindow | undefined {
  for (let i = 0, d = day; i < 60; i++, d = shiftDay(d, step)) {
    const w = publicityWindow(calendar, d)
    if (w.ok) {
      const { ok: _ok, ...window } = w
      return window
    }
    if (w.code === 'WORKDAY_YEAR_UNCONFIRMED') return undefined
  }
  return undefined
}
const shiftDay = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)

/** Four recommended experiences (第十七条), the list the demo publishes open today. */
const ENTRIES = [
  { organization: '示例精密仪器股份有限公司', title: '测量系统分析驱动的精密仪器质量提升', sector: 'manufacturing', province: '320000' },
  { organization: '示例建工集团有限公司', title: '装配式建筑全过程质量追溯体系建设', sector: 'construction', province: '510000' },
  { organization: '示例医疗健康服务有限公司', title: '以患者体验为中心的服务质量持续改进', sector: 'services', province: '440000' },
  { organization: '示例食品工业有限公司', title: '基于HACCP与数字化巡检的食品安全质量管理', sector: 'manufacturing', province: '370000' },
] as const satisfies readonly { organization: string; title: string; sector: Sector; province: string }[]

export const DEMO_PUBLICITY_CONTACT =
  '对公示名单有异议的，请在公示期内通过本小程序「公示」页点击相应条目的「提出异议」实名提出，并提供必要的证明材料；匿名异议不予受理。\n联系人：质量标杆工作办公室 王老师，电话 010-68419999（工作日 9:00—17:00）。'

/**
 * Demo publicity (第十八条) for a fresh local database: a third batch of this year's call (第三批)
 * whose four applications the committee recommended — inserted in that state, plainly demo data,
 * their history as the machine runs it — published by the office through the same commands the
 * route uses, on the last working day on or before today such that the window is still open today
 * (today ≤ its fifth working day); and, for last year's closed call, a list long closed whose
 * entries passed. Needs the calendar to confirm the days it reaches: when this year is not
 * confirmed (a year beyond the library that the office has not entered) it makes nothing rather
 * than guess. Returns the number of entries listed (0 when nothing was made).
 */
export async function seedDemoPublicity(models: Models, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  if ((await models.Publicity.estimatedDocumentCount()) > 0) return 0
  const first = await models.Call.findOne({ state: 'published' }).sort({ publishedAt: -1 }).lean<CallRecord>()
  if (!first) return 0
  const calendar = await workCalendar(models)
  const today = inShanghai(now).format('YYYY-MM-DD')
  let window = windowNear(calendar, today, -1)
  // A window starting on the last working day may already have closed (after a long holiday): then today's own, or the next.
  if (!window || window.endDay < today) window = windowNear(calendar, today, 1)
  if (!window) return 0
  const office = await models.User.findOne({ roles: 'office' }, { displayName: 1 }).lean()
  const actor: Actor = { userId: (office?._id ?? new mongoose.Types.ObjectId()).toHexString(), displayName: office?.displayName ?? '演示数据', roles: ['office'], organizationIds: [] }

  // The third batch: the call's text, its schedule 200 days earlier (applied in the spring, reviewed over the summer).
  const callId = await batchOf(models, first, { batch: '第三批', shiftDays: 200, now })
  await recommended(models, { callId, year: first.year, methods: first.qualityMethods, entries: ENTRIES, submitted: new Date(now.getTime() - 150 * DAY), createdBy: actor.userId! })
  const published = new Date(Math.min(now.getTime(), Date.parse(`${window.startDay}T09:00:00+08:00`)))
  const { list } = await openPublicity(models, { callId, window, contact: DEMO_PUBLICITY_CONTACT, actor, now: published })
  await moveListedApplications(models, list, { actor, now: published })
  return list.entries.length + (await closedEarlierList(models, { calendar, actor, now }))
}

/**
 * Another batch of a demo call (第二批, 第三批…): the call's text under the batch's title, its schedule
 * `shiftDays` earlier. Answers the new call's id.
 */
export async function batchOf(models: Models, first: CallRecord, { batch, shiftDays, now }: { batch: string; shiftDays: number; now: Date }): Promise<mongoose.Types.ObjectId> {
  const shift = shiftDays * DAY
  const { _id: _ignored, createdAt: _c, updatedAt: _u, ...rest } = first as CallRecord & { createdAt: Date; updatedAt: Date }
  const callId = new mongoose.Types.ObjectId()
  await publicChange(models.Call.db, 'calls', () =>
    models.Call.create({
      ...rest,
      _id: callId,
      title: first.title.replace('的通知', `（${batch}）的通知`),
      schedule: first.schedule.map((m) => ({ ...m, startsAt: new Date(m.startsAt.getTime() - shift), ...(m.endsAt ? { endsAt: new Date(m.endsAt.getTime() - shift) } : {}) })),
      publishedAt: new Date((first.publishedAt ?? now).getTime() - shift),
      corrections: [],
      templates: [],
    }),
  )
  return callId
}

/** Last year's experiences (the closed demo call), listed and passed. */
const EARLIER = [
  { organization: '示例轨道交通装备有限公司', title: '基于可靠性工程的轨道车辆质量提升', sector: 'manufacturing', province: '430000' },
  { organization: '示例水务集团有限公司', title: '供水服务全流程质量管控与客户满意度提升', sector: 'services', province: '330000' },
] as const satisfies readonly { organization: string; title: string; sector: Sector; province: string }[]

/**
 * A list published about eleven months ago for last year's (closed) call, its window long over and
 * the closing job run: both entries passed publicity, the list shows 公示结束. Skipped when there is
 * no closed call or the calendar does not confirm those days.
 */
async function closedEarlierList(models: Models, { calendar, actor, now }: { calendar: WorkCalendar; actor: Actor; now: Date }): Promise<number> {
  const call = await models.Call.findOne({ state: 'closed' }).sort({ publishedAt: -1 }).lean<CallRecord>()
  const window = windowNear(calendar, inShanghai(new Date(now.getTime() - 330 * DAY)).format('YYYY-MM-DD'), 1)
  if (!call || !window || Date.parse(window.closesAt) >= now.getTime()) return 0
  const published = new Date(`${window.startDay}T09:00:00+08:00`)
  await recommended(models, { callId: call._id, year: call.year, methods: call.qualityMethods, entries: EARLIER, submitted: new Date(published.getTime() - 120 * DAY), createdBy: actor.userId! })
  const { list } = await openPublicity(models, { callId: call._id, window, contact: DEMO_PUBLICITY_CONTACT, actor, now: published })
  await moveListedApplications(models, list, { actor, now: published })
  // The closing job's run just after the window closed.
  await closePublicities(models, { now: new Date(Date.parse(window.closesAt) + 5 * 60_000) })
  return list.entries.length
}

/** Applications the committee recommended (第十七条), inserted in that state — demo data — with the machine's path as history. */
export async function recommended(
  models: Models,
  { callId, year, methods, entries, submitted, createdBy }: { callId: mongoose.Types.ObjectId; year: number; methods: readonly string[]; entries: readonly { organization: string; title: string; sector: Sector; province: string }[]; submitted: Date; createdBy: string },
) {
  const steps = applicationMachine.pathTo('recommended')!
  for (const [i, e] of entries.entries()) {
    const org = await models.Organization.create({ name: e.organization, nameKey: nameKey(e.organization), nameReview: 'passed', members: [], createdBy })
    await models.Application.create({
      callId,
      organizationId: org._id,
      state: 'recommended',
      slot: '1',
      content: demoContent(i + 3, year, methods.slice(i % 3, (i % 3) + 2), e.title),
      receiptNumber: await nextReceiptNumber(models, year),
      submittedAt: submitted,
      organizationName: e.organization,
      sector: e.sector,
      provinceCode: e.province,
      history: steps.map((state, k) => ({ state, at: new Date(submitted.getTime() + k * 7 * DAY) })),
      createdBy,
    })
  }
}
