import { staff, type Rules } from './define'

/**
 * Exchange events (交流活动, 第二十条). Anyone reads published events (never a draft, never an online
 * event's link); a signed-in person registers — whether for a listed organization of an invited year
 * or on the public quota is the registering command's check, against the event and the listing
 * records; a registrant and the members of the organization registered for follow and cancel their
 * registrations (the routes filter by them: anyone else gets 404); the office runs the events.
 */
export const EVENT_RULES: Rules = {
  'event.read': { who: 'everyone' },
  'event.register': { who: ['listed_org_member', 'wechat_user'] },
  'registration.readOwn': { who: 'signedIn' },
  'event.manage': { who: staff },
}
