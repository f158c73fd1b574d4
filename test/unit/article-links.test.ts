import { markedSourceUrl, pushMarker } from '../../server/src/articles/pushes'
import { coverPng } from '../../server/src/articles/cover'
import { escapeHtml, h5PageUrl } from '../../server/src/presenters/feed/links'

/** The links and text an article or a feed entry carries (第十八条、第十九条): absolute, escaped, marked per push. */
describe('links under PUBLIC_BASE_URL', () => {
  test.each([
    ['https://zlbg.example.org', '/pages/call/detail', { id: 'abc' }, 'https://zlbg.example.org/#/pages/call/detail?id=abc'],
    ['https://zlbg.example.org/', '/pages/index/index', {}, 'https://zlbg.example.org/#/pages/index/index'],
    ['http://127.0.0.1:3000', '/pages/listing/index', { year: 2025 }, 'http://127.0.0.1:3000/#/pages/listing/index?year=2025'],
  ])('%s + %s', (base, page, query, url) => {
    expect(h5PageUrl(base, page, query)).toBe(url)
  })

  test.each([
    ['https://h/#/pages/x?id=1', 'p1', 'https://h/?oa=p1#/pages/x?id=1'],
    ['https://h/?a=b#/pages/x', 'p2', 'https://h/?a=b&oa=p2#/pages/x'],
    ['https://h/page', 'p3', 'https://h/page?oa=p3'],
  ])('a push marks 阅读原文 ahead of the hash: %s', (url, id, marked) => {
    expect(markedSourceUrl(url, id)).toBe(marked)
    expect(marked).toContain(pushMarker(id))
  })
})

test('escapeHtml leaves no markup, in text or in a quoted attribute', () => {
  expect(escapeHtml(`<script>alert("x")</script>&'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;')
})

test('the default cover is a 900×383 PNG (WeChat wants a cover for every news article)', () => {
  const png = coverPng()
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  expect(png.readUInt32BE(16)).toBe(900)
  expect(png.readUInt32BE(20)).toBe(383)
  expect(png.length).toBeLessThan(64 * 1024)
})
