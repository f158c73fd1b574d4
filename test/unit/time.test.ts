import { formatDate, formatDateTime } from '@zlbg/shared'

describe('instants are shown in Asia/Shanghai', () => {
  test.each([
    ['UTC evening is the next morning in Shanghai', '2026-12-31T16:30:00Z', '2027年1月1日 00:30'],
    ['an explicit +08:00 offset is kept', '2027-01-15T17:00:00+08:00', '2027年1月15日 17:00'],
    ['Shanghai has no daylight saving in summer', '2026-07-01T00:00:00Z', '2026年7月1日 08:00'],
  ])('%s', (_name, instant, shown) => {
    expect(formatDateTime(instant)).toBe(shown)
  })

  test('dates use the Shanghai calendar day', () => {
    expect(formatDate('2026-11-24T23:59:00Z')).toBe('2026年11月25日')
  })
})
