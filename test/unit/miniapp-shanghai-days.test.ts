// Pure date helpers of the mini-program (miniapp/src/format.ts) and the audit filter form
// (miniapp/src/subpackages/office/audit/filter.ts). Neither imports Taro.
import {
  applicationWindowText,
  dayLabel,
  dayString,
  isApplicationClosed,
  milestoneText,
  shanghaiDayEnd,
  shanghaiDayStart,
  shanghaiToday,
  waitText,
} from '../../miniapp/src/format'
import { EMPTY_AUDIT_FORM, toAuditFilter, type AuditFilterForm } from '../../miniapp/src/subpackages/office/audit/filter'

import type { Milestone } from '@zlbg/shared'

const iso = (instant: string) => new Date(instant).toISOString()

describe('Shanghai day boundaries', () => {
  test.each([
    ['an ordinary day', '2026-11-25', '2026-11-25T00:00:00+08:00', '2026-11-26T00:00:00+08:00'],
    ['the last day of a 30-day month', '2026-11-30', '2026-11-30T00:00:00+08:00', '2026-12-01T00:00:00+08:00'],
    ['the last day of the year', '2026-12-31', '2026-12-31T00:00:00+08:00', '2027-01-01T00:00:00+08:00'],
    ['28 February in a common year', '2026-02-28', '2026-02-28T00:00:00+08:00', '2026-03-01T00:00:00+08:00'],
    ['28 February in a leap year', '2028-02-28', '2028-02-28T00:00:00+08:00', '2028-02-29T00:00:00+08:00'],
    ['29 February in a leap year', '2028-02-29', '2028-02-29T00:00:00+08:00', '2028-03-01T00:00:00+08:00'],
    ['a day in summer (no daylight saving)', '2026-07-01', '2026-07-01T00:00:00+08:00', '2026-07-02T00:00:00+08:00'],
  ])('%s: %s', (_name, day, start, end) => {
    expect(shanghaiDayStart(day)).toBe(start)
    expect(shanghaiDayEnd(day)).toBe(end)
  })

  test('the Shanghai day 2026-11-25 is [2026-11-24T16:00:00Z, 2026-11-25T16:00:00Z) in UTC', () => {
    expect(iso(shanghaiDayStart('2026-11-25'))).toBe('2026-11-24T16:00:00.000Z')
    expect(iso(shanghaiDayEnd('2026-11-25'))).toBe('2026-11-25T16:00:00.000Z')
  })

  test('a day ends exactly where the next one starts', () => {
    expect(shanghaiDayEnd('2026-12-31')).toBe(shanghaiDayStart('2027-01-01'))
    expect(Date.parse(shanghaiDayEnd('2026-11-25')) - Date.parse(shanghaiDayStart('2026-11-25'))).toBe(24 * 3600 * 1000)
  })

  test.each([
    ['an instant with time', '2026-11-25T00:00:00Z'],
    ['slashes', '2026/11/25'],
    ['an unpadded month', '2026-1-05'],
    ['the empty string', ''],
    ['surrounding spaces', ' 2026-11-25'],
  ])('rejects %s', (_name, day) => {
    expect(() => shanghaiDayStart(day)).toThrow(`not a day: ${day}`)
    expect(() => shanghaiDayEnd(day)).toThrow(`not a day: ${day}`)
  })
})

describe('today in Shanghai', () => {
  test.each([
    ['just before UTC 16:00 is still the same Shanghai day', '2026-11-24T15:59:59.999Z', '2026-11-24'],
    ['UTC 16:00 is Shanghai midnight: the next day', '2026-11-24T16:00:00.000Z', '2026-11-25'],
    ['UTC midnight is 08:00 in Shanghai, same calendar day', '2026-11-25T00:00:00.000Z', '2026-11-25'],
    ['the last UTC instant of a Shanghai day', '2026-11-25T15:59:59.999Z', '2026-11-25'],
    ['new year arrives in Shanghai on 31 December UTC', '2026-12-31T16:00:00.000Z', '2027-01-01'],
  ])('%s', (_name, now, today) => {
    expect(shanghaiToday(new Date(now))).toBe(today)
  })
})

describe('calendar days from a date picker', () => {
  test.each([
    [2026, 3, 1, '2026-03-01'],
    [2026, 11, 25, '2026-11-25'],
    [2027, 12, 31, '2027-12-31'],
  ])('dayString(%i, %i, %i) is %s', (year, month, day, text) => {
    expect(dayString(year, month, day)).toBe(text)
  })

  test.each([
    ['2026-03-01', '2026年3月1日'],
    ['2026-11-25', '2026年11月25日'],
    ['not a day', 'not a day'],
    ['', ''],
  ])('dayLabel(%j) is %j', (day, label) => {
    expect(dayLabel(day)).toBe(label)
  })
})

describe('audit filter form → contract filter', () => {
  const form = (values: Partial<AuditFilterForm>): AuditFilterForm => ({ ...EMPTY_AUDIT_FORM, ...values })

  test.each<[string, Partial<AuditFilterForm>, Record<string, string>]>([
    ['an empty form is no filter at all', {}, {}],
    ['blank text fields are left out', { actorId: '   ', action: '\t', resourceType: '', resourceId: ' ' }, {}],
    [
      'text fields are trimmed',
      { actorId: ' u-1 ', action: 'user.disable ', resourceType: ' user', resourceId: 'abc' },
      { actorId: 'u-1', action: 'user.disable', resourceType: 'user', resourceId: 'abc' },
    ],
    ['起始日期 is the start of that Shanghai day', { from: '2026-11-25' }, { from: '2026-11-25T00:00:00+08:00' }],
    ['截止日期 is inclusive: the contract gets the next day start', { to: '2026-11-25' }, { to: '2026-11-26T00:00:00+08:00' }],
    [
      'the same day as both bounds covers that whole day',
      { from: '2026-11-25', to: '2026-11-25' },
      { from: '2026-11-25T00:00:00+08:00', to: '2026-11-26T00:00:00+08:00' },
    ],
    ['截止日期 on 31 December ends at the next year', { to: '2026-12-31' }, { to: '2027-01-01T00:00:00+08:00' }],
    [
      'everything together',
      { actorId: 'u-9', action: 'user.create', resourceType: 'user', resourceId: 'u-10', from: '2026-02-28', to: '2028-02-28' },
      {
        actorId: 'u-9',
        action: 'user.create',
        resourceType: 'user',
        resourceId: 'u-10',
        from: '2026-02-28T00:00:00+08:00',
        to: '2028-02-29T00:00:00+08:00',
      },
    ],
  ])('%s', (_name, values, filter) => {
    expect(toAuditFilter(form(values))).toEqual(filter)
  })

  test('a one-day filter is [16:00Z the day before, 16:00Z that day) in UTC', () => {
    const filter = toAuditFilter(form({ from: '2026-11-25', to: '2026-11-25' }))
    expect(iso(filter.from!)).toBe('2026-11-24T16:00:00.000Z')
    expect(iso(filter.to!)).toBe('2026-11-25T16:00:00.000Z')
  })

  test('the form is not changed', () => {
    const values = form({ actorId: ' u-1 ', to: '2026-11-25' })
    toAuditFilter(values)
    expect(values).toEqual({ ...EMPTY_AUDIT_FORM, actorId: ' u-1 ', to: '2026-11-25' })
  })

  test('EMPTY_AUDIT_FORM has every field blank', () => {
    expect(EMPTY_AUDIT_FORM).toEqual({ actorId: '', action: '', resourceType: '', resourceId: '', from: '', to: '' })
  })
})

describe('application window and milestones are shown in Shanghai time', () => {
  test('the window shows the opening day and the closing day with the hour', () => {
    expect(applicationWindowText({ opensAt: '2026-11-24T16:00:00Z', closesAt: '2026-12-31T09:30:00Z' })).toBe(
      '2026年11月25日 至 2026年12月31日 17:30',
    )
  })

  test.each<[string, Pick<Milestone, 'kind' | 'startsAt' | 'endsAt'>, string]>([
    ['a one-day milestone shows its day', { kind: 'defenseReview', startsAt: '2027-03-01T01:00:00Z' }, '2027年3月1日'],
    ['an empty end shows the start day only', { kind: 'publicity', startsAt: '2027-03-01T01:00:00Z', endsAt: '' }, '2027年3月1日'],
    [
      'start and end on the same Shanghai day (across UTC midnight) show one day',
      { kind: 'publicity', startsAt: '2026-11-24T16:00:00Z', endsAt: '2026-11-25T15:59:00Z' },
      '2026年11月25日',
    ],
    [
      'a stage spanning days shows a range of days',
      { kind: 'publicity', startsAt: '2027-03-01T00:00:00+08:00', endsAt: '2027-03-07T23:59:00+08:00' },
      '2027年3月1日 至 2027年3月7日',
    ],
    [
      'the application stage shows its deadline to the minute',
      { kind: 'application', startsAt: '2026-11-25T00:00:00+08:00', endsAt: '2026-12-31T17:00:00+08:00' },
      '2026年11月25日 至 2026年12月31日 17:00',
    ],
  ])('%s', (_name, milestone, text) => {
    expect(milestoneText(milestone)).toBe(text)
  })

  test.each([
    ['one millisecond before the deadline is open', '2026-12-31T08:59:59.999Z', false],
    ['exactly at the deadline is still open', '2026-12-31T09:00:00.000Z', false],
    ['one millisecond after the deadline is closed', '2026-12-31T09:00:00.001Z', true],
  ])('%s', (_name, now, closed) => {
    expect(isApplicationClosed({ closesAt: '2026-12-31T17:00:00+08:00' }, new Date(now))).toBe(closed)
  })
})

describe('waiting time before a retry (LOGIN_LOCKED, RATE_LIMITED)', () => {
  test.each([
    [0, '1 秒'],
    [0.2, '1 秒'],
    [1, '1 秒'],
    [44.1, '45 秒'],
    [45, '45 秒'],
    [59, '59 秒'],
    [60, '1 分钟'],
    [61, '2 分钟'],
    [900, '15 分钟'],
    [901, '16 分钟'],
  ])('%d seconds is shown as %s', (seconds, text) => {
    expect(waitText(seconds)).toBe(text)
  })
})
