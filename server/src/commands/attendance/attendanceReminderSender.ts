import mongoose from 'mongoose'
import { formatDate, PAGES, type AttendanceReminderInput, type AttendanceSkipReason } from '@zlbg/shared'
import { isDuplicateKey } from '../../db/duplicateKey'
import { AppError } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { AttendanceReminderRecord } from '../../models/attendance'
import type { Notice } from '../../outbox/enqueue'
import type { Actor } from '../../policies'
import { applyCreate } from '../../workflow/transition'
import { attendanceView } from './attendanceView'

/**
 * Reminds listed organizations of their obligation to take part in exchange events (第二十条): each
 * member of each named organization gets an in-app message and, when subscribed, the `event_reminder`
 * subscription message, pointing at the 活动 tab. The server judges again what the office saw: an
 * organization that attended an event within the period, is no longer listed, or has nobody in the
 * system to tell is skipped, with the reason. The reminder record and its notices are one insert
 * (applyCreate: its pending effects), so neither exists without the other; (sender, idempotencyKey) is
 * unique, so a retried tap — even two racing — answers the first reminder and sends nothing more, and a
 * person who belongs to two of the organizations is told once.
 */
export async function attendanceReminderSender({
  models,
  actor,
  input,
  now = new Date(),
  logger,
}: {
  models: Models
  actor: Actor
  input: AttendanceReminderInput
  now?: Date
  logger?: Logger
}): Promise<AttendanceReminderRecord> {
  if (!actor.userId) throw new AppError('UNAUTHENTICATED')
  const sentBy = new mongoose.Types.ObjectId(actor.userId)
  const earlier = await models.AttendanceReminder.findOne({ sentBy, idempotencyKey: input.idempotencyKey }, { pendingEffects: 0 }).lean<AttendanceReminderRecord>()
  if (earlier) return earlier

  const wanted = [...new Set(input.listedOrganizationIds)]
  const view = await attendanceView(models, { months: input.months, now, ids: wanted })
  const found = new Map(view.rows.map((r) => [r.listedOrganizationId.toHexString(), r]))
  // Names of the ones no longer listed, for the answer.
  const gone = await models.ListedOrganization.find({ _id: { $in: wanted.filter((id) => !found.has(id)) } }, { name: 1 }).lean()
  const goneNames = new Map(gone.map((g) => [g._id.toHexString(), g.name]))

  const reminded: AttendanceReminderRecord['reminded'] = []
  const skipped: AttendanceReminderRecord['skipped'] = []
  const notices: Notice[] = []
  const told = new Set<string>()
  const { from, to } = view.period
  for (const id of wanted) {
    const row = found.get(id)
    const skip = (reason: AttendanceSkipReason, name: string) => skipped.push({ listedOrganizationId: new mongoose.Types.ObjectId(id), name, reason })
    if (!row) {
      skip('not_listed', goneNames.get(id) ?? '（未知组织）')
      continue
    }
    if (row.attended > 0) {
      skip('attended', row.name)
      continue
    }
    if (row.memberIds.length === 0) {
      skip('unreachable', row.name)
      continue
    }
    reminded.push({ listedOrganizationId: row.listedOrganizationId, name: row.name, recipients: row.memberIds.length })
    for (const member of row.memberIds) {
      if (told.has(member.toHexString())) continue
      told.add(member.toHexString())
      notices.push({
        recipientUserId: member,
        kind: 'attendance.reminder',
        template: 'event_reminder',
        content: {
          title: '参加经验交流活动',
          body:
            `${row.name}：按《质量标杆典型经验征集管理办法》第二十条，质量标杆典型经验所在组织有义务参加中国质量协会举办的经验交流活动。` +
            `${formatDate(from)}至${formatDate(to)}期间贵单位尚未参加交流活动，请在「活动」中查看并报名近期活动。`,
          link: PAGES.events,
          status: '待参加',
          note: '请关注近期交流活动',
        },
      })
    }
  }

  const _id = new mongoose.Types.ObjectId()
  try {
    return await applyCreate<AttendanceReminderRecord>({
      models,
      model: models.AttendanceReminder,
      actor,
      now,
      resourceType: 'attendanceReminder',
      to: 'sent',
      doc: { _id, sentBy, idempotencyKey: input.idempotencyKey, months: input.months, from, to, reminded, skipped },
      notices,
      ...(logger ? { logger } : {}),
    })
  } catch (err) {
    // The same tap twice at once: the other request stored it first; answer its reminder.
    if (!isDuplicateKey(err)) throw err
    return (await models.AttendanceReminder.findOne({ sentBy, idempotencyKey: input.idempotencyKey }, { pendingEffects: 0 }).lean<AttendanceReminderRecord>())!
  }
}
