import {
  EVENT_STATES,
  EventInputSchema,
  eventMachine,
  fieldErrors,
  RegistrationInputSchema,
  registrationMachine,
  type EventEvent,
  type EventState,
  type RegistrationEvent,
  type RegistrationState,
  type Role,
} from '@zlbg/shared'

/** 第二十条: the exchange event's and the registration's machines, and what the office's and the registrant's forms accept. */
type Outcome<S> = S | 'EVENT_NOT_ACCEPTED' | 'ROLE_NOT_ALLOWED' | 'REASON_REQUIRED'

describe('第二十条 the event machine', () => {
  const cases: [EventState, EventEvent, Role[], Outcome<EventState>, string][] = [
    ['draft', 'publish', ['office'], 'published', ''],
    ['draft', 'publish', ['listed_org_member'], 'ROLE_NOT_ALLOWED', ''],
    ['draft', 'cancel', ['office'], 'EVENT_NOT_ACCEPTED', '草稿直接删除或修改，不发取消通知'],
    ['published', 'closeRegistration', ['office'], 'registration_closed', ''],
    ['published', 'closeRegistration', ['system'], 'registration_closed', '报名窗口结束由系统截止'],
    ['published', 'markHeld', ['office'], 'EVENT_NOT_ACCEPTED', '先截止报名'],
    ['published', 'cancel', ['office'], 'REASON_REQUIRED', ''],
    ['published', 'cancel', ['office'], 'cancelled', 'reason'],
    ['published', 'cancel', ['system'], 'ROLE_NOT_ALLOWED', '只有办公室取消活动'],
    ['registration_closed', 'reopenRegistration', ['office'], 'published', ''],
    ['registration_closed', 'reopenRegistration', ['system'], 'ROLE_NOT_ALLOWED', ''],
    ['registration_closed', 'markHeld', ['office'], 'held', ''],
    ['registration_closed', 'cancel', ['office'], 'cancelled', 'reason'],
    ['held', 'cancel', ['office'], 'EVENT_NOT_ACCEPTED', ''],
    ['cancelled', 'publish', ['office'], 'EVENT_NOT_ACCEPTED', ''],
  ]
  test.each(cases)('%s --%s--> by %j: %s', (from, event, roles, expected, note) => {
    const result = eventMachine.transition(from, event, { roles, ...(note === 'reason' ? { reason: '场地临时检修' } : {}) })
    expect(result.ok ? result.to : result.reason).toBe(expected)
  })

  test('every registrant is told of a cancellation, from whichever state it comes', () => {
    const told = EVENT_STATES.flatMap((s) => Object.entries(eventMachine.table[s]).filter(([, spec]) => spec?.effects?.includes('notifyRegistrants')).map(([e]) => `${s}.${e}`))
    expect(told).toEqual(['published.cancel', 'registration_closed.cancel'])
  })

  test('the office edits an event until it is held or cancelled', () => {
    expect(EVENT_STATES.filter((s) => eventMachine.allows(s, 'edit', { roles: ['office'] }).ok)).toEqual(['draft', 'published', 'registration_closed'])
  })
})

describe('第二十条 the registration machine', () => {
  const cases: [RegistrationState, RegistrationEvent, Role[], Outcome<RegistrationState>][] = [
    ['waitlisted', 'promote', ['system'], 'confirmed'],
    ['waitlisted', 'promote', ['listed_org_member'], 'ROLE_NOT_ALLOWED'],
    ['confirmed', 'promote', ['system'], 'EVENT_NOT_ACCEPTED'],
    ['confirmed', 'cancel', ['listed_org_member'], 'cancelled'],
    ['waitlisted', 'cancel', ['wechat_user'], 'cancelled'],
    ['cancelled', 'cancel', ['listed_org_member'], 'EVENT_NOT_ACCEPTED'],
    ['cancelled', 'promote', ['system'], 'EVENT_NOT_ACCEPTED'],
    ['attended', 'cancel', ['listed_org_member'], 'EVENT_NOT_ACCEPTED'],
  ]
  test.each(cases)('%s --%s--> by %j: %s', (from, event, roles, expected) => {
    const result = registrationMachine.transition(from, event, { roles })
    expect(result.ok ? result.to : result.reason).toBe(expected)
  })

  test('a promotion tells the registrant', () => {
    expect(registrationMachine.table.waitlisted.promote?.effects).toEqual(['notifyRegistrant'])
  })
})

const DAY = 86_400_000
const at = (days: number) => new Date(Date.UTC(2030, 5, 1) + days * DAY).toISOString()
const event = {
  title: '质量标杆经验交流会',
  description: '邀请入选组织分享质量管理典型经验。',
  mode: 'offline',
  place: '北京市西城区',
  startsAt: at(10),
  endsAt: at(10.2),
  registrationOpensAt: at(0),
  registrationClosesAt: at(8),
  cancellationDeadline: at(9),
  capacity: 50,
}
const paths = (input: unknown, schema: typeof EventInputSchema | typeof RegistrationInputSchema) => {
  const r = schema.safeParse(input)
  return r.success ? [] : fieldErrors(r.error).map((f) => f.path)
}

describe('第二十条 the event form', () => {
  test.each([
    ['a complete offline event', {}, []],
    ['an online event with an https link', { mode: 'online', place: undefined, link: 'https://meeting.example.com/j/1' }, []],
    ['an online event with an http link', { mode: 'online', place: undefined, link: 'http://meeting.example.com/j/1' }, ['link']],
    ['an offline event with a link', { link: 'https://meeting.example.com/j/1' }, ['link']],
    ['an end before the start', { endsAt: at(9.5) }, ['endsAt']],
    ['registration closing after the start', { registrationClosesAt: at(11) }, ['registrationClosesAt']],
    ['registration closing before it opens', { registrationOpensAt: at(8.5) }, ['registrationClosesAt']],
    ['cancelling possible after the start', { cancellationDeadline: at(10.1) }, ['cancellationDeadline']],
    ['a listed year twice', { listedYears: [2025, 2025] }, ['listedYears']],
    ['no seats', { capacity: 0 }, ['capacity']],
    ['a seat count from elsewhere', { seats: { listed: 3 } }, ['seats']],
    ['a title with a right-to-left override', { title: '质量\u202e交流会' }, ['title']],
  ])('%s', (_, over, expected) => {
    expect(paths({ ...event, ...over }, EventInputSchema)).toEqual(expected)
  })
})

describe('第二十条 the registration form', () => {
  const person = (phone: string) => ({ name: '王质量', title: '质量部部长', phone })
  test.each([
    ['one attendee', { attendees: [person('13912345678')] }, []],
    ['nobody', { attendees: [] }, ['attendees']],
    ['the same phone twice', { attendees: [person('13912345678'), person('139 1234 5678')] }, ['attendees.1.phone']],
    ['a phone that reaches nobody', { attendees: [person('12345')] }, ['attendees.0.phone']],
    ['eleven at once', { attendees: Array.from({ length: 11 }, (_, i) => person(`1391234${String(i).padStart(4, '0')}`)) }, ['attendees']],
    ['a short idempotency key', { idempotencyKey: 'abc', attendees: [person('13912345678')] }, ['idempotencyKey']],
  ])('%s', (_, over, expected) => {
    expect(paths({ idempotencyKey: 'unit-test-key', ...over }, RegistrationInputSchema)).toEqual(expected)
  })
})
