import { applicationWindow, CallInputSchema, inShanghai } from '@zlbg/shared'
import { demoCalls } from '../../server/src/seed/demoCalls'

/**
 * The demo data `npm start` loads is dated around the day it is loaded, so the open call takes
 * applications (第十四条) on any day of any year — including the day the test suite runs a year ahead.
 */
const at = (iso: string) => Date.parse(iso)

describe('demoCalls(now): an open, a closed and a draft call around any day', () => {
  test.each([
    ['the day the demo was written', '2026-11-28T02:00:00Z'],
    ['New Year in Beijing (still 31 December in UTC)', '2026-12-31T16:30:00Z'],
    ['29 February of a leap year', '2028-02-29T04:00:00Z'],
    ['the last minute of a Beijing year', '2027-12-31T15:59:00Z'],
    ['midsummer, a year and a half ahead', '2028-07-01T00:00:00Z'],
  ])('%s (%s)', (_label, iso) => {
    const now = new Date(iso)
    const year = inShanghai(now).year()
    const calls = demoCalls(now)
    for (const c of calls) expect(CallInputSchema.safeParse(c.input).error).toBeUndefined()

    const [open, closed, draft] = calls
    expect([open!.state, closed!.state, draft!.state]).toEqual(['published', 'closed', 'draft'])
    expect([open!.input.year, closed!.input.year, draft!.input.year]).toEqual([year, year - 1, year + 1])
    expect(open!.input.title).toContain(`${year}年`)

    const openWindow = applicationWindow(open!.input.schedule)
    expect(at(openWindow.opensAt)).toBeLessThan(now.getTime())
    expect(at(openWindow.closesAt)).toBeGreaterThan(now.getTime())
    expect(at(open!.publishedAt!)).toBeLessThan(at(openWindow.opensAt))
    expect(at(applicationWindow(closed!.input.schedule).closesAt)).toBeLessThan(now.getTime())
    expect(at(closed!.input.schedule.at(-1)!.startsAt)).toBeLessThan(now.getTime())
    expect(at(applicationWindow(draft!.input.schedule).opensAt)).toBeGreaterThan(now.getTime())

    // The open call's milestones follow each other in order (第五条: the activity schedule).
    const starts = open!.input.schedule.map((m) => at(m.startsAt))
    expect(starts).toEqual([...starts].sort((a, b) => a - b))
  })

  test('loaded on 2026-11-28 it is the 2026 round as first written: applications 2026-11-03 09:00 – 2027-01-15 17:00', () => {
    const [open, closed, draft] = demoCalls(new Date('2026-11-28T02:00:00Z'))
    expect(applicationWindow(open!.input.schedule)).toEqual({ opensAt: '2026-11-03T09:00:00+08:00', closesAt: '2027-01-15T17:00:00+08:00' })
    expect(open!.publishedAt).toBe('2026-11-02T09:00:00+08:00')
    expect(closed!.input.schedule.map((m) => m.startsAt)).toEqual(['2025-10-21T09:00:00+08:00', '2026-05-18T09:00:00+08:00', '2026-06-10T09:00:00+08:00'])
    expect(applicationWindow(draft!.input.schedule)).toEqual({ opensAt: '2027-11-01T09:00:00+08:00', closesAt: '2028-01-15T17:00:00+08:00' })
  })
})
