/**
 * Exchange events (交流活动, 第二十条: 质量标杆典型经验所在组织有义务参加中国质量协会举办的经验交流活动).
 * The office runs events; members of listed organizations register attendees; each confirmed attendee
 * checks in with a QR code; the office follows each listed organization's attendance. This file holds
 * the states and labels the server, the mini-program and the machines share; the inputs and public
 * shapes live beside their routes.
 */

/**
 * draft: the office's, not public; published: public, registration open between its window's
 * instants; registration_closed: no new registrations (by the office, or the window's end);
 * held: the event took place (check-ins final, no-shows marked); cancelled: called off, everyone told.
 */
export const EVENT_STATES = ['draft', 'published', 'registration_closed', 'held', 'cancelled'] as const
export type EventState = (typeof EVENT_STATES)[number]
export const EVENT_STATE_LABELS: Record<EventState, string> = {
  draft: '草稿',
  published: '报名中',
  registration_closed: '报名已截止',
  held: '已举办',
  cancelled: '已取消',
}
export const EVENT_EVENTS = ['publish', 'closeRegistration', 'reopenRegistration', 'markHeld', 'cancel'] as const
export type EventEvent = (typeof EVENT_EVENTS)[number]
/** Not state changes: editing (every registrant is told once published) and checking people in. */
export const EVENT_ACTIONS = ['edit', 'checkIn'] as const
export type EventAction = (typeof EVENT_ACTIONS)[number]

export const EVENT_MODES = ['offline', 'online'] as const
export type EventMode = (typeof EVENT_MODES)[number]
export const EVENT_MODE_LABELS: Record<EventMode, string> = { offline: '线下', online: '线上' }

/**
 * One registration is one attendee (one seat). confirmed: holds a seat; waitlisted: in line, promoted
 * in order when a seat frees; cancelled: by the registrant before the deadline, or by the event's
 * cancellation; attended: checked in; no_show: marked by the office after the event.
 */
export const REGISTRATION_STATES = ['confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show'] as const
export type RegistrationState = (typeof REGISTRATION_STATES)[number]
export const REGISTRATION_STATE_LABELS: Record<RegistrationState, string> = {
  confirmed: '已确认',
  waitlisted: '候补中',
  cancelled: '已取消',
  attended: '已签到',
  no_show: '未到场',
}
export const REGISTRATION_EVENTS = ['promote', 'cancel', 'checkIn', 'markNoShow'] as const
export type RegistrationEvent = (typeof REGISTRATION_EVENTS)[number]

/** Which quota a registration counts against: listed organizations', or the public's (when the event allows it). */
export const REGISTRATION_QUOTAS = ['listed', 'public'] as const
export type RegistrationQuota = (typeof REGISTRATION_QUOTAS)[number]
