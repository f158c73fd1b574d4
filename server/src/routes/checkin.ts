import {
  CHECKIN_GRACE_HOURS,
  CHECKIN_RECENT_MAX,
  EVENT_MODE_LABELS,
  EVENT_STATE_LABELS,
  formatDate,
  formatDateTime,
  REGISTRATION_STATE_LABELS,
  type Ticket,
} from '@zlbg/shared'
import { attendanceReminderSender } from '../commands/attendance/attendanceReminderSender'
import { attendanceView } from '../commands/attendance/attendanceView'
import { checkInNoShowMarker, noShowsOpen } from '../commands/events/checkInNoShowMarker'
import { checkInOpen, checkInOpensAt, checkInRecorder, loadEvent } from '../commands/events/checkInRecorder'
import type { TicketSigner } from '../commands/events/checkInTickets'
import type { Handlers } from '../http/bind'
import { xlsxDownload } from '../http/xlsx'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { EventRecord, RegistrationRecord } from '../models/event'
import { loadTicketRegistration } from '../policies/loaders'
import { presentAttendanceReminder, presentAttendanceRow } from '../presenters/attendance/attendance'
import { presentAttendees, registrationCounts, registrationOrganizationNames } from '../presenters/attendance/checkIn'

type Names = 'getTicket' | 'getCheckInBoard' | 'checkInAttendee' | 'markNoShows' | 'exportEventAttendance' | 'listAttendance' | 'exportAttendance' | 'remindAttendance'

const HOUR = 3600_000
/** The events a ticket can still be used at. */
const CHECK_IN_STATES: readonly EventRecord['state'][] = ['published', 'registration_closed']

/** Why an attendee's ticket shows no QR code. */
function ticketNote(reg: RegistrationRecord, event: EventRecord, now: Date): string | undefined {
  if (reg.state === 'attended') return `已于 ${formatDateTime(reg.checkedInAt ?? reg.updatedAt)} 签到`
  if (reg.state === 'waitlisted') return '候补中：获得席位后即可查看签到二维码'
  if (reg.state === 'cancelled') return '该报名已取消'
  if (reg.state === 'no_show') return '活动已结束，未签到'
  if (event.state === 'cancelled') return '活动已取消'
  if (!CHECK_IN_STATES.includes(event.state) || now.getTime() > event.endsAt.getTime() + CHECKIN_GRACE_HOURS * HOUR) return '活动已结束'
  return undefined
}

/** Check-in and the attendance obligation (第二十条): the attendee's ticket, the office at the door, the obligation view and its exports. */
export function checkinHandlers(models: Models, { tickets, logger }: { tickets: TicketSigner; logger: Logger }): Pick<Handlers, Names> {
  return {
    async getTicket(_ctx, { params, actor }) {
      const reg = await loadTicketRegistration(models, params.id, actor, 'checkin.ticket')
      const event = await loadEvent(models, reg.eventId.toHexString())
      const now = new Date()
      const note = ticketNote(reg, event, now)
      const [organizationName] = (await registrationOrganizationNames(models, [reg])).values()
      const ticket: Ticket = {
        registrationId: reg._id.toHexString(),
        eventId: event._id.toHexString(),
        eventTitle: event.title,
        mode: event.mode,
        modeLabel: EVENT_MODE_LABELS[event.mode],
        ...(event.mode === 'offline' && event.place ? { place: event.place } : {}),
        startsAt: event.startsAt.toISOString(),
        endsAt: event.endsAt.toISOString(),
        attendee: { name: reg.attendee.name, title: reg.attendee.title },
        ...(reg.organizationId ? { organizationName: organizationName! } : {}),
        state: reg.state,
        stateLabel: REGISTRATION_STATE_LABELS[reg.state],
        ...(reg.checkedInAt ? { checkedInAt: reg.checkedInAt.toISOString() } : {}),
        ...(note
          ? { note }
          : { pass: await tickets.issue({ registrationId: reg._id.toHexString(), eventId: event._id.toHexString(), endsAt: event.endsAt, checkInCode: reg.checkInCode }, now) }),
      }
      return ticket
    },

    async getCheckInBoard(_ctx, { params, actor }) {
      const event = await loadEvent(models, params.id)
      const now = new Date()
      const recent = await models.Registration.find({ eventId: event._id, state: 'attended' }, { pendingEffects: 0 })
        .sort({ checkedInAt: -1, _id: -1 })
        .limit(CHECKIN_RECENT_MAX)
        .lean<RegistrationRecord[]>()
      return {
        event: {
          id: event._id.toHexString(),
          title: event.title,
          state: event.state,
          stateLabel: EVENT_STATE_LABELS[event.state],
          mode: event.mode,
          modeLabel: EVENT_MODE_LABELS[event.mode],
          ...(event.place ? { place: event.place } : {}),
          startsAt: event.startsAt.toISOString(),
          endsAt: event.endsAt.toISOString(),
          checkInOpensAt: checkInOpensAt(event).toISOString(),
        },
        canCheckIn: checkInOpen(event, actor, now),
        canMarkNoShows: noShowsOpen(event, now),
        counts: await registrationCounts(models, event._id),
        recent: await presentAttendees(models, recent),
      }
    },

    async checkInAttendee(ctx, { params, body, actor }) {
      return checkInRecorder({ models, tickets, eventId: params.id, credential: body.credential, actor, logger: ctx.state.log ?? logger })
    },

    async markNoShows(ctx, { params, actor }) {
      return checkInNoShowMarker({ models, eventId: params.id, actor, logger: ctx.state.log ?? logger })
    },

    async exportEventAttendance(_ctx, { params, actor }) {
      const event = await loadEvent(models, params.id)
      const regs = await models.Registration.find({ eventId: event._id }, { pendingEffects: 0 }).sort({ createdAt: 1, _id: 1 }).lean<RegistrationRecord[]>()
      const attendees = await presentAttendees(models, regs)
      const rows = attendees
        .map((a, i) => ({ a, r: regs[i]! }))
        .sort((x, y) => x.a.organizationName.localeCompare(y.a.organizationName, 'zh-CN') || x.r.createdAt.getTime() - y.r.createdAt.getTime())
        .map(({ a, r }) => ({
          organization: a.organizationName,
          name: a.name,
          title: a.title,
          phone: r.attendee.phone,
          state: a.stateLabel,
          checkedInAt: a.checkedInAt ? formatDateTime(a.checkedInAt) : '',
          checkedInBy: a.checkedInBy ?? '',
          registeredAt: formatDateTime(r.createdAt),
        }))
      // Names and phone numbers leave the system: xlsxDownload records the export.
      return xlsxDownload(models, actor, {
        sheet: '参会名单',
        columns: [
          { header: '单位', key: 'organization', width: 30 },
          { header: '姓名', key: 'name', width: 12 },
          { header: '职务', key: 'title', width: 16 },
          { header: '手机', key: 'phone', width: 14 },
          { header: '状态', key: 'state', width: 10 },
          { header: '签到时间（北京时间）', key: 'checkedInAt', width: 20 },
          { header: '签到工作人员', key: 'checkedInBy', width: 14 },
          { header: '报名时间（北京时间）', key: 'registeredAt', width: 20 },
        ],
        rows,
        filename: `参会名单-${formatDate(event.startsAt)}-${event.title.slice(0, 40)}.xlsx`,
        audit: { action: 'event.exportAttendance', resource: { type: 'event', id: event._id.toHexString() } },
      })
    },

    async listAttendance(_ctx, { query }) {
      const view = await attendanceView(models, { months: query.months, now: new Date(), absentOnly: query.absent === 'true', ...(query.q ? { q: query.q } : {}) })
      const start = (query.page - 1) * query.pageSize
      return {
        items: view.rows.slice(start, start + query.pageSize).map(presentAttendanceRow),
        page: query.page,
        pageSize: query.pageSize,
        total: view.rows.length,
        period: { months: view.period.months, from: view.period.from.toISOString(), to: view.period.to.toISOString() },
        absentTotal: view.absentTotal,
      }
    },

    async exportAttendance(_ctx, { query, actor }) {
      const now = new Date()
      const view = await attendanceView(models, { months: query.months, now, absentOnly: query.absent === 'true', ...(query.q ? { q: query.q } : {}) })
      const period = `${formatDate(view.period.from)}至${formatDate(view.period.to)}`
      return xlsxDownload(models, actor, {
        sheet: '参会义务',
        columns: [
          { header: '入选组织', key: 'name', width: 36 },
          { header: '入选年度', key: 'years', width: 14 },
          { header: `应邀活动数（${period}）`, key: 'offered', width: 16 },
          { header: '报名活动数', key: 'registered', width: 12 },
          { header: '参加活动数', key: 'attended', width: 12 },
          { header: '最近参加', key: 'lastAttendedAt', width: 16 },
          { header: '最近提醒（北京时间）', key: 'lastRemindedAt', width: 20 },
          { header: '可提醒', key: 'reachable', width: 8 },
        ],
        rows: view.rows.map((r) => ({
          name: r.name,
          years: r.years.join('、'),
          offered: r.offered,
          registered: r.registered,
          attended: r.attended,
          lastAttendedAt: r.lastAttendedAt ? formatDate(r.lastAttendedAt) : '',
          lastRemindedAt: r.lastRemindedAt ? formatDateTime(r.lastRemindedAt) : '',
          reachable: r.memberIds.length > 0 ? '是' : '否（系统中无成员）',
        })),
        filename: `参会义务-近${view.period.months}个月-${now.toISOString().slice(0, 10)}.xlsx`,
        audit: { action: 'attendance.export', resource: { type: 'attendance' } },
      })
    },

    async remindAttendance(ctx, { body, actor }) {
      return presentAttendanceReminder(await attendanceReminderSender({ models, actor, input: body, logger: ctx.state.log ?? logger }))
    },
  }
}
