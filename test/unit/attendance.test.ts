import { AttendanceReminderInputSchema, AttendanceQuerySchema } from '@zlbg/shared'
import { invitedTo } from '../../server/src/commands/attendance/attendanceOf'
import { attendancePeriod } from '../../server/src/commands/attendance/attendanceView'

/** 第二十条: which events an organization listed in given years was offered. */
describe('第二十条 the events a listed organization is offered', () => {
  const at = (iso: string) => new Date(iso)
  const cases: [string, number[], string, number[], boolean][] = [
    ['an event for the listed years it was listed in', [2025], '2026-05-01T02:00:00Z', [2024, 2025], true],
    ['an event for other years', [2023], '2026-05-01T02:00:00Z', [2024, 2025], false],
    ['an event for every listed organization, listed before it', [], '2026-05-01T02:00:00Z', [2025], true],
    ['an event for every listed organization, in its own listing year', [], '2026-05-01T02:00:00Z', [2026], true],
    ['an event for every listed organization, before it was first listed', [], '2025-05-01T02:00:00Z', [2026], false],
    // 2025-12-31 16:30 UTC is 2026-01-01 00:30 in Beijing: the event is in 2026.
    ['the event year is Beijing’s', [], '2025-12-31T16:30:00Z', [2026], true],
    ['an organization with no listed year', [], '2026-05-01T02:00:00Z', [], false],
  ]
  test.each(cases)('%s', (_what, listedYears, startsAt, years, expected) => {
    expect(invitedTo({ listedYears, startsAt: at(startsAt) }, years)).toBe(expected)
  })
})

describe('第二十条 the period and the inputs of the obligation view', () => {
  test('the last N months on the Beijing calendar', () => {
    const now = new Date('2026-03-31T01:00:00Z')
    expect(attendancePeriod(1, now).from.toISOString()).toBe('2026-02-28T01:00:00.000Z')
    expect(attendancePeriod(12, now).from.toISOString()).toBe('2025-03-31T01:00:00.000Z')
  })

  test('months default to 12 and stay within 1–60; a reminder names 1–500 organizations and carries its key', () => {
    expect(AttendanceQuerySchema.parse({})).toMatchObject({ months: 12, page: 1 })
    expect(AttendanceQuerySchema.safeParse({ months: '0' }).success).toBe(false)
    expect(AttendanceQuerySchema.safeParse({ months: '61' }).success).toBe(false)
    const ok = { idempotencyKey: 'remind-0001', months: 12, listedOrganizationIds: ['0123456789abcdef01234567'] }
    expect(AttendanceReminderInputSchema.safeParse(ok).success).toBe(true)
    expect(AttendanceReminderInputSchema.safeParse({ ...ok, listedOrganizationIds: [] }).success).toBe(false)
    expect(AttendanceReminderInputSchema.safeParse({ ...ok, idempotencyKey: 'x' }).success).toBe(false)
    expect(AttendanceReminderInputSchema.safeParse({ ...ok, listedOrganizationIds: ['{"$gt":""}'] }).success).toBe(false)
  })
})
