import { hasHiddenCharacters, nameKey, normalizeText, readableText, stripHiddenCharacters } from '@zlbg/shared'

/** Issue 12, item 4: text people read — one helper for every free-text field others read. */
describe('readableText: NFKC and no hidden characters', () => {
  const name = readableText({ min: 2, max: 20, label: '组织名称' })
  const notes = readableText({ max: 200, label: '说明', multiline: true })

  test.each([
    ['full-width letters and digits', 'ＡＢＣ１２３公司', 'ABC123公司'],
    ['full-width parentheses', '某某（集团）', '某某(集团)'],
    ['surrounding spaces', '  某某公司 ', '某某公司'],
    ['plain Chinese stays as it is', '杭州精益制造有限公司', '杭州精益制造有限公司'],
  ])('%s: accepted as NFKC', (_label, input, output) => {
    expect(name.parse(input)).toBe(output)
  })

  test.each([
    ['right-to-left override U+202E', 'ab\u202ecd'],
    ['left-to-right embedding U+202A', 'ab\u202acd'],
    ['first-strong isolate U+2068', 'ab\u2068cd'],
    ['right-to-left mark U+200F', 'ab\u200fcd'],
    ['Arabic letter mark U+061C', 'ab\u061ccd'],
    ['zero-width space U+200B', 'ab\u200bcd'],
    ['zero-width non-joiner U+200C', 'ab\u200ccd'],
    ['word joiner U+2060', 'ab\u2060cd'],
    ['byte-order mark inside U+FEFF', 'ab\ufeffcd'],
    ['soft hyphen U+00AD', 'ab\u00adcd'],
    ['line separator U+2028', 'ab\u2028cd'],
    ['private use U+E000', 'ab\ue000cd'],
    ['a control character', 'ab\u0007cd'],
    ['a line break in a one-line field', 'ab\ncd'],
  ])('%s is refused', (_label, input) => {
    const result = name.safeParse(input)
    expect(result.success).toBe(false)
    expect(result.error!.issues[0]!.message).toContain('不可见')
  })

  test('a multi-line field keeps line breaks (normalised to \\n) but still refuses the rest', () => {
    expect(notes.parse('第一行\r\n第二行')).toBe('第一行\n第二行')
    expect(notes.safeParse('第一行\n\u202e第二行').success).toBe(false)
  })

  test('length is counted after normalisation', () => {
    expect(name.safeParse(' 厂 ').error!.issues[0]!.message).toBe('组织名称至少 2 个字')
    expect(name.safeParse('厂'.repeat(21)).error!.issues[0]!.message).toBe('组织名称最多 20 个字')
  })

  test('helpers agree with the schema', () => {
    expect(hasHiddenCharacters('a\u200bb')).toBe(true)
    expect(stripHiddenCharacters('invoice\u202egnp.exe')).toBe('invoicegnp.exe')
    expect(normalizeText(' ＡＢＣ ')).toBe('ABC')
  })
})

describe('nameKey: names compared after normalisation (issue 12, item 3)', () => {
  test.each([
    ['上海某某（集团）有限公司', '上海某某(集团)有限公司'],
    ['上海 某某 有限公司', '上海某某有限公司'],
    ['ＡＢＣ公司', 'abc公司'],
    ['某某·科技，有限公司。', '某某科技有限公司'],
    ['某某\u200b有限公司', '某某有限公司'],
  ])('%s ≡ %s', (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b))
  })

  test('different names stay different', () => {
    expect(nameKey('上海某某有限公司')).not.toBe(nameKey('上海某甲有限公司'))
  })
})
