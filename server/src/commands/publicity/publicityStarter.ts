import mongoose from 'mongoose'
import { formatDate, inShanghai, publicityWindowDisplay, type Contact, type PublicityPreview, type PublicityWindow, type StartPublicity } from '@zlbg/shared'
import { isDuplicateKey } from '../../db/duplicateKey'
import { publicChange } from '../../db/publicVersion'
import { AppError } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { PublicityRecord } from '../../models/publicity'
import { auditEffect, relayPendingEffects } from '../../outbox/relay'
import type { Actor } from '../../policies'
import { presentWindow, publicEntryFields } from '../../presenters/publicity/publicity'
import { applicationTransition } from '../../workflow/application'
import { publicityWindowFrom } from '../calendar/calendarData'
import { notifyApplicantOfPublicity } from './notices'

/** The calendar day in Asia/Shanghai (the day the office and the public live in). */
const shanghaiDay = (now: Date) => inShanghai(now).format('YYYY-MM-DD')

/** 00:00 Asia/Shanghai of a day, as an instant: the window opens then. */
const startOfDay = (day: string) => new Date(`${day}T00:00:00.000+08:00`)

async function loadCall(models: Models, callId: string) {
  const call = await models.Call.findOne({ _id: callId, state: { $ne: 'draft' } }, { title: 1, contact: 1 }).lean()
  if (!call) throw new AppError('CALL_NOT_FOUND')
  return call
}

/** The call's applications the committee recommended (第十七条), in receipt order: the list to publish. */
const recommendedOf = (models: Models, callId: mongoose.Types.ObjectId) =>
  models.Application.find({ callId, state: 'recommended' }, { organizationName: 1, content: 1, sector: 1, provinceCode: 1, receiptNumber: 1 })
    .sort({ receiptNumber: 1, _id: 1 })
    .lean()

type Recommended = Awaited<ReturnType<typeof recommendedOf>>[number]
const entryOf = (app: Recommended) => ({
  organizationName: app.organizationName ?? '',
  title: app.content.title?.trim() || '（未填写经验名称）',
  ...(app.sector ? { sector: app.sector } : {}),
  ...(app.provinceCode ? { provinceCode: app.provinceCode } : {}),
})

/** The start day must be today or later, then a working day whose window the calendar confirms. */
async function windowFrom(models: Models, startDay: string, now: Date): Promise<PublicityWindow> {
  const today = shanghaiDay(now)
  if (startDay < today) {
    throw new AppError('PUBLICITY_START_PAST', { message: `公示开始日不能早于今天（${formatDate(startOfDay(today))}，北京时间）` })
  }
  return publicityWindowFrom(models, startDay)
}

/** 第十八条 with the practice: objections by real name only; whom to call is the call's own contact. */
function suggestedContact(contact: Contact | undefined): string {
  const how = '对公示名单有异议的，请在公示期内通过本小程序「公示」页点击相应条目的「提出异议」实名提出，并提供必要的证明材料；匿名异议不予受理。'
  if (!contact?.department) return how
  const who = [contact.department, contact.person].filter(Boolean).join(' ')
  return `${how}\n联系人：${who}${contact.phone ? `，电话 ${contact.phone}` : ''}${contact.email ? `，邮箱 ${contact.email}` : ''}`
}

/** The office's preview: what would be listed, and — given a start day — the window (第十八条). */
export async function publicityPreview(models: Models, { callId, startDay, now }: { callId: string; startDay?: string; now: Date }): Promise<PublicityPreview> {
  const call = await loadCall(models, callId)
  const existing = await models.Publicity.findOne({ callId: call._id }, { _id: 1 }).lean()
  const apps = await recommendedOf(models, call._id)
  const window = startDay ? await windowFrom(models, startDay, now) : undefined
  return {
    callId,
    callTitle: call.title,
    ...(existing ? { publicityId: existing._id.toHexString() } : {}),
    today: shanghaiDay(now),
    suggestedContact: suggestedContact(call.contact),
    entries: apps.map((a) => ({ applicationId: a._id.toHexString(), ...publicEntryFields(entryOf(a)) })),
    ...(window ? { window: presentWindow({ ...window, opensAt: startOfDay(window.startDay), closesAt: new Date(window.closesAt) }) } : {}),
  }
}

/**
 * Creates the list (one per call: a duplicate key means another request created it — that list is
 * answered) inside publicChange, its audit record relayed from the document itself. Used by
 * startPublicity and by the demo data, which may start a list on a past working day.
 */
export async function openPublicity(
  models: Models,
  { callId, window, contact, actor, now, logger }: { callId: mongoose.Types.ObjectId; window: PublicityWindow; contact: string; actor: Actor; now: Date; logger?: Logger },
): Promise<{ list: PublicityRecord; created: boolean }> {
  // Who published is kept on the list: the demo data passes its office account too.
  if (!actor.userId) throw new Error('publishing a publicity list needs a signed-in person')
  const apps = await recommendedOf(models, callId)
  if (apps.length === 0) throw new AppError('PUBLICITY_NOTHING_RECOMMENDED')
  const _id = new mongoose.Types.ObjectId()
  const opensAt = startOfDay(window.startDay)
  const closesAt = new Date(window.closesAt)
  const doc = {
    _id,
    callId,
    state: 'open' as const,
    window: { startDay: window.startDay, endDay: window.endDay, opensAt, closesAt, workingDays: window.workingDays },
    entries: apps.map((a) => ({ _id: new mongoose.Types.ObjectId(), applicationId: a._id, ...entryOf(a), status: 'listed' as const })),
    contact,
    publishedBy: new mongoose.Types.ObjectId(actor.userId),
    publishedAt: now,
    pendingEffects: [
      auditEffect(`publicity:${_id.toHexString()}:start`, actor, {
        action: 'publicity.start',
        resource: { type: 'publicity', id: _id.toHexString() },
        to: `第十八条 公示 ${publicityWindowDisplay(opensAt, closesAt)}，${apps.length} 项：${apps.map((a) => a.receiptNumber ?? a._id.toHexString()).join('、')}`,
        at: now,
      }, now),
    ],
  }
  try {
    await publicChange(models.Publicity.db, 'publicity', () => models.Publicity.create(doc), logger ? { logger } : {})
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    const list = await models.Publicity.findOne({ callId }).lean<PublicityRecord>()
    if (!list) throw err
    return { list, created: false }
  }
  await relayPendingEffects(models, models.Publicity, _id).catch((err) => logger?.warn({ err }, 'publicity audit relay failed; the relay job will finish it'))
  return { list: (await models.Publicity.findById(_id).lean<PublicityRecord>())!, created: true }
}

/**
 * Moves each listed application still 'recommended' into publicity (applicationTransition
 * 'startPublicity': its own conditional update, audit record and notice to the organization). The
 * list exists first, so a crash part way leaves a list whose remaining applications the next call
 * moves — never applications in publicity without a list. Answers how many it moved.
 */
export async function moveListedApplications(models: Models, list: PublicityRecord, { actor, now, logger }: { actor: Actor; now: Date; logger?: Logger }): Promise<number> {
  let moved = 0
  const waiting = await models.Application.find({ _id: { $in: list.entries.map((e) => e.applicationId) }, state: 'recommended' }, { _id: 1 }).lean()
  for (const app of waiting) {
    try {
      await applicationTransition({
        models,
        id: app._id,
        event: 'startPublicity',
        actor,
        now,
        ...(logger ? { logger } : {}),
        effects: { notifyApplicant: notifyApplicantOfPublicity(models, list.window) },
      })
      moved++
    } catch (err) {
      // Another request moved it meanwhile: done either way.
      if (!(err instanceof AppError && err.code === 'STATE_CONFLICT')) throw err
    }
  }
  return moved
}

/**
 * The office publishes a call's recommended list (第十八条): the window from the start day (today or
 * later, a working day, 5 working days on the confirmed calendar), then the applications moved. One
 * list per call: asked again once it exists, it finishes moving what a failed attempt left, and
 * otherwise refuses with PUBLICITY_EXISTS.
 */
export async function publicityStarter({
  models,
  actor,
  callId,
  input,
  now = new Date(),
  logger,
}: {
  models: Models
  actor: Actor
  callId: string
  input: StartPublicity
  now?: Date
  logger?: Logger
}): Promise<PublicityRecord> {
  const call = await loadCall(models, callId)
  const existing = await models.Publicity.findOne({ callId: call._id }).lean<PublicityRecord>()
  if (existing) return finishOrRefuse(models, existing, { actor, now, ...(logger ? { logger } : {}) })
  const window = await windowFrom(models, input.startDay, now)
  const { list, created } = await openPublicity(models, { callId: call._id, window, contact: input.contact, actor, now, ...(logger ? { logger } : {}) })
  if (!created) return finishOrRefuse(models, list, { actor, now, ...(logger ? { logger } : {}) })
  await moveListedApplications(models, list, { actor, now, ...(logger ? { logger } : {}) })
  return list
}

async function finishOrRefuse(models: Models, list: PublicityRecord, options: { actor: Actor; now: Date; logger?: Logger }): Promise<PublicityRecord> {
  if ((await moveListedApplications(models, list, options)) > 0) return list
  throw new AppError('PUBLICITY_EXISTS', {
    message: `该征集的公示名单已于${formatDate(list.publishedAt)}发布（公示期 ${publicityWindowDisplay(list.window.opensAt, list.window.closesAt)}），每个征集只发布一次`,
  })
}
