import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { RETENTION_TABLE, formatRetentionPeriod, retentionCutoff, type RetentionPeriod } from '@zlbg/shared'

describe('个人信息保护法 第十九条: when a retention period has run', () => {
  test.each<[string, RetentionPeriod, string, string]>([
    ['a week, counted in days', { days: 7 }, '2026-11-28T10:00:00Z', '2026-11-21T10:00:00.000Z'],
    ['a day across a month end', { days: 1 }, '2026-03-01T03:00:00Z', '2026-02-28T03:00:00.000Z'],
    ['a year', { years: 1 }, '2026-11-28T10:00:00Z', '2025-11-28T10:00:00.000Z'],
    ['three years, from a leap day back to 29 February', { years: 4 }, '2028-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
    ['a year before 29 February is 28 February', { years: 1 }, '2028-02-29T12:00:00Z', '2027-02-28T12:00:00.000Z'],
    // 00:30 on 1 January in Shanghai is still 31 December in UTC: the Shanghai calendar decides.
    ['a year from Shanghai New Year’s night', { years: 1 }, '2026-12-31T16:30:00Z', '2025-12-31T16:30:00.000Z'],
    ['years and days together', { years: 1, days: 1 }, '2026-03-01T00:00:00Z', '2025-02-28T00:00:00.000Z'],
  ])('%s', (_name, period, now, cutoff) => {
    expect(retentionCutoff(period, new Date(now)).toISOString()).toBe(cutoff)
  })

  test('data whose event is on the cutoff is due; a millisecond later it is not', () => {
    const now = new Date('2026-11-28T10:00:00Z')
    const cutoff = retentionCutoff({ years: 3 }, now)
    const due = (event: Date) => event.getTime() <= cutoff.getTime()
    expect(due(new Date('2023-11-28T10:00:00Z'))).toBe(true)
    expect(due(new Date('2023-11-28T10:00:00.001Z'))).toBe(false)
  })

  test.each(Object.entries(RETENTION_TABLE))('row %s is complete: a period, where, from, a basis and who enforces it', (_key, row) => {
    expect(formatRetentionPeriod(row.period)).not.toBe('—')
    expect(row.where.length).toBeGreaterThan(0)
    expect(row.from.length).toBeGreaterThan(0)
    expect(row.basis).toMatch(/第.+条/)
    expect('job' in row.enforcedBy || 'issue' in row.enforcedBy).toBe(true)
  })

  test('periods read in Chinese as the README and notices show them', () => {
    expect(formatRetentionPeriod({ years: 3 })).toBe('3年')
    expect(formatRetentionPeriod({ days: 7 })).toBe('7天')
    expect(formatRetentionPeriod({ years: 1, days: 1 })).toBe('1年1天')
  })
})

test('the README’s "Personal data and retention" table lists every row with its period', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Personal data and retention'), readme.indexOf('## Observability'))
  for (const row of Object.values(RETENTION_TABLE)) {
    expect(section).toContain(`| ${row.what} | \`${row.where}\` | ${formatRetentionPeriod(row.period)} | ${row.from} | ${row.then} |`)
  }
})
