import { validateListedRow } from '../../server/src/commands/listedImport/listedImporter'

/**
 * 第十九条, earlier years: one row of the office's workbook, read and validated. The clock is injected:
 * a row dated the current Shanghai year or later is refused (those lists are published in the system).
 */
// 2027-01-01 00:30 in Shanghai is still 2026 in UTC: the year is Shanghai's.
const now = new Date('2026-12-31T16:30:00Z')
const good = { year: '2025', organization: '江苏示例制造有限公司', creditCode: '', title: '精益生产的质量经验', sector: '制造业', region: '江苏省', summary: '' }
const VALID_CODE = '91350100M000100Y43'

test.each([
  ['a complete row', {}, { year: 2025, sector: 'manufacturing', provinceCode: '320000' }],
  ['the year with 年', { year: '2025年' }, { year: 2025 }],
  ['a sector without 业, a region without 省', { sector: '服务', region: '江苏' }, { sector: 'services', provinceCode: '320000' }],
  ['codes instead of labels', { sector: 'construction', region: '450000' }, { sector: 'construction', provinceCode: '450000' }],
  ['an autonomous region by its short name', { region: '广西' }, { provinceCode: '450000' }],
  ['a credit code typed in lower case', { creditCode: VALID_CODE.toLowerCase() }, { creditCode: VALID_CODE }],
  ['full-width brackets in the name, normalized', { organization: '示例（集团）有限公司' }, { organization: '示例(集团)有限公司' }],
])('第十九条 import row accepted: %s', (_what, cells, expected) => {
  const checked = validateListedRow({ ...good, ...cells }, { now })
  expect(checked).toEqual({ ok: true, row: expect.objectContaining(expected) })
})

test.each([
  ['the current Shanghai year', { year: '2027' }, '年份', /只能导入 2027 年以前的名单/],
  ['a later year', { year: '2030' }, '年份', /只能导入/],
  ['no year', { year: '' }, '年份', /请填写年份/],
  ['a year in words', { year: '去年' }, '年份', /无法识别的年份/],
  ['before the first list', { year: '1980' }, '年份', /不能早于 1990 年/],
  ['no organization', { organization: '' }, '单位名称', /单位名称/],
  ['a credit code with a wrong check character', { creditCode: '91350100M000100Y44' }, '统一社会信用代码（可空）', /校验位/],
  ['a credit code too short', { creditCode: '9135' }, '统一社会信用代码（可空）', /18 位/],
  ['no title', { title: '' }, '经验名称', /经验名称/],
  ['a title with a zero-width character', { title: '精益\u200b生产经验' }, '经验名称', /不可见/],
  ['an unknown sector', { sector: '农业' }, '行业门类（制造业、建筑业、服务业）', /无法识别的行业门类「农业」/],
  ['no sector', { sector: '' }, '行业门类（制造业、建筑业、服务业）', /请填写行业门类/],
  ['an unknown region', { region: '火星' }, '所在地区（省级名称或代码）', /无法识别的地区「火星」/],
  ['a summary too long', { summary: '长'.repeat(2001) }, '经验简介（可空）', /最多 2000 个字/],
])('第十九条 import row refused: %s', (_what, cells, column, message) => {
  const checked = validateListedRow({ ...good, ...cells }, { now })
  expect(checked.ok).toBe(false)
  if (checked.ok) return
  expect(checked.reasons).toEqual([{ column, message: expect.stringMatching(message) }])
})

test('第十九条 every problem of a row is reported, each once under its column', () => {
  const checked = validateListedRow({ ...good, year: '2027', sector: '农业', region: '', title: '' }, { now })
  expect(checked.ok).toBe(false)
  if (checked.ok) return
  expect(checked.reasons.map((r) => r.column)).toEqual(['年份', '行业门类（制造业、建筑业、服务业）', '所在地区（省级名称或代码）', '经验名称'])
})
