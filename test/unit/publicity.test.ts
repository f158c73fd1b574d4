import { publicityOpenAt, publicityWindowDisplay, PublicityContactSchema, StartPublicitySchema } from '@zlbg/shared'

/**
 * 第十八条 on the client: whether objections are taken is decided from the window's instants and the
 * phone's clock (cached answers carry no "open now" flag); the server checks again on filing.
 */
const window = { opensAt: '2026-11-29T16:00:00.000Z', closesAt: '2026-12-04T15:59:59.999Z' }

test.each([
  ['a millisecond before 00:00 Shanghai of the start day', '2026-11-29T15:59:59.999Z', false],
  ['00:00 Shanghai of the start day', '2026-11-29T16:00:00.000Z', true],
  ['mid-window', '2026-12-02T04:00:00.000Z', true],
  ['23:59:59.999 Shanghai of the fifth working day', '2026-12-04T15:59:59.999Z', true],
  ['the next millisecond', '2026-12-04T16:00:00.000Z', false],
])('第十八条 publicityOpenAt: %s (%s) → %s', (_what, now, open) => {
  expect(publicityOpenAt(window, new Date(now))).toBe(open)
})

test('第十八条 the window as read in Beijing time', () => {
  expect(publicityWindowDisplay(window.opensAt, window.closesAt)).toBe('2026年11月30日 00:00 至 2026年12月4日 23:59:59（北京时间）')
})

test.each([
  ['too short', '请联系办公室', false],
  ['a hidden direction mark', `对公示名单有异议的请实名提出\u202e联系人王老师`, false],
  ['how to object and whom to call', '对公示名单有异议的，请在公示期内实名提出。联系人：王老师，电话 010-68419999。', true],
])('the published contact text: %s', (_what, contact, ok) => {
  expect(PublicityContactSchema.safeParse(contact).success).toBe(ok)
})

test('starting publicity takes a day and the contact text, nothing else', () => {
  expect(StartPublicitySchema.safeParse({ startDay: '2026-11-30', contact: '对公示名单有异议的，请实名提出。电话 010-68419999' }).success).toBe(true)
  expect(StartPublicitySchema.safeParse({ startDay: '2026-11-30', contact: '对公示名单有异议的，请实名提出。电话 010-68419999', endDay: '2026-12-31' }).success).toBe(false)
  expect(StartPublicitySchema.safeParse({ startDay: '30/11/2026', contact: '对公示名单有异议的，请实名提出。电话 010-68419999' }).success).toBe(false)
})
