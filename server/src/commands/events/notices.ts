import mongoose from 'mongoose'
import { formatDateTime, PAGES, type RegistrationEvent, type RegistrationState } from '@zlbg/shared'
import type { Models } from '../../models'
import type { EventRecord, RegistrationRecord } from '../../models/event'
import type { Notice } from '../../outbox/enqueue'
import type { EffectBuilder } from '../../workflow/transition'

/** Where a registrant follows their registrations (and, confirmed, opens the ticket). */
export const myRegistrationsLink = () => PAGES.eventMine
export const eventLink = (eventId: string | mongoose.Types.ObjectId) => `${PAGES.eventDetail}?id=${String(eventId)}`

/** The subscription message's `thing` keyword takes at most 20 characters. */
const short = (s: string, n = 20) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

type EventPart = Pick<EventRecord, '_id' | 'title' | 'startsAt'>

/** 第二十条: a waitlisted attendee moved up to a seat — told at once (message center and subscription message). */
export function promotedNotice(event: EventPart, reg: Pick<RegistrationRecord, 'registeredBy' | 'attendee'>): Notice {
  return {
    recipientUserId: reg.registeredBy,
    kind: 'event.promoted',
    template: 'event_reminder',
    content: {
      title: short(event.title),
      body: `候补递补成功：${reg.attendee.name} 已获得《${event.title}》的参会名额，活动于 ${formatDateTime(event.startsAt)} 开始。`,
      link: myRegistrationsLink(),
      status: '已递补',
      time: event.startsAt,
      note: '可在“我的报名”查看参会凭证',
    },
  }
}

/** The registration machine's `notifyRegistrant` effect (promote): the event is read for its title and time. */
export function notifyRegistrant(models: Models): EffectBuilder<RegistrationState, RegistrationEvent, RegistrationRecord> {
  return async ({ doc }) => {
    const event = await models.Event.findById(doc.eventId, { title: 1, startsAt: 1 }).lean<EventPart>()
    return event ? [promotedNotice(event, doc)] : []
  }
}

/**
 * One notice per person who registered someone for the event and still holds a seat or a place in
 * line (confirmed or waitlisted), however many attendees they registered: a cancellation, a change.
 */
export async function registrantsOf(models: Models, eventId: mongoose.Types.ObjectId): Promise<mongoose.Types.ObjectId[]> {
  const ids = await models.Registration.distinct('registeredBy', { eventId, state: { $in: ['confirmed', 'waitlisted'] } })
  return ids as mongoose.Types.ObjectId[]
}

export function cancelledNotice(event: EventPart, recipient: mongoose.Types.ObjectId, reason: string): Notice {
  return {
    recipientUserId: recipient,
    kind: 'event.cancelled',
    template: 'event_reminder',
    content: {
      title: short(event.title),
      body: `很抱歉，原定于 ${formatDateTime(event.startsAt)} 举办的《${event.title}》已取消。原因：${reason}`,
      link: eventLink(event._id),
      status: '已取消',
      time: event.startsAt,
      note: short(reason),
    },
  }
}

export function changedNotice(event: EventPart, recipient: mongoose.Types.ObjectId, summary: string): Notice {
  return {
    recipientUserId: recipient,
    kind: 'event.changed',
    template: 'event_reminder',
    content: {
      title: short(event.title),
      body: `您报名的《${event.title}》信息有变更：${summary}。活动时间 ${formatDateTime(event.startsAt)}，请查看最新安排。`,
      link: eventLink(event._id),
      status: '有变更',
      time: event.startsAt,
      note: short(summary),
    },
  }
}

export function reminderNotice(event: EventPart & Pick<EventRecord, 'mode' | 'place'>, reg: Pick<RegistrationRecord, 'registeredBy' | 'attendee'>): Notice {
  const where = event.mode === 'offline' ? `地点：${event.place ?? ''}` : '线上举办，会议链接见“我的报名”'
  return {
    recipientUserId: reg.registeredBy,
    kind: 'event.reminder',
    template: 'event_reminder',
    content: {
      title: short(event.title),
      body: `提醒：${reg.attendee.name} 报名的《${event.title}》将于 ${formatDateTime(event.startsAt)} 开始，${where}。请携带参会凭证签到。`,
      link: myRegistrationsLink(),
      status: '即将开始',
      time: event.startsAt,
      note: short(where),
    },
  }
}
