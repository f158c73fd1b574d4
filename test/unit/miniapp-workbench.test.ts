import { fieldsUnder } from '../../miniapp/src/components/stepper/serverErrors'
import { compareSortValues, pagerPages, sortRows } from '../../miniapp/src/components/workbench/sort'
import { profileProblemLines } from '../../miniapp/src/subpackages/org/applications/steps/profileProblems'

describe('DataTable sorting (the page shown)', () => {
  const rows = [
    { id: 'a', name: '乙组织', count: 3, at: '2026-11-02T00:00:00.000Z' },
    { id: 'b', name: '甲组织', count: 10, at: undefined },
    { id: 'c', name: '丙组织', count: 3, at: '2026-11-01T00:00:00.000Z' },
  ]

  test.each([
    ['count', 'asc', (r: (typeof rows)[number]) => r.count, ['a', 'c', 'b']],
    ['count', 'desc', (r: (typeof rows)[number]) => r.count, ['b', 'a', 'c']],
    ['time (empty last)', 'asc', (r: (typeof rows)[number]) => r.at, ['c', 'a', 'b']],
    ['time (empty last)', 'desc', (r: (typeof rows)[number]) => r.at, ['a', 'c', 'b']],
  ] as const)('by %s, %s', (_name, direction, value, ids) => {
    expect(sortRows(rows, value, direction).map((r) => r.id)).toEqual(ids)
  })

  test('ties keep the server order; the input is not changed', () => {
    const copy = [...rows]
    expect(sortRows(rows, (r) => r.count, 'asc').map((r) => r.id)).toEqual(['a', 'c', 'b'])
    expect(rows).toEqual(copy)
  })

  test('numbers inside text compare by value (受理编号, names with numbers)', () => {
    expect(compareSortValues('组织2', '组织10')).toBeLessThan(0)
    expect(compareSortValues(2, 10)).toBeLessThan(0)
  })
})

describe('DataTable pager', () => {
  test.each([
    [1, 1, [1]],
    [1, 5, [1, 2, 3, 4, 5]],
    [1, 10, [1, 2, 3, 0, 10]],
    [6, 12, [1, 0, 4, 5, 6, 7, 8, 0, 12]],
    // A gap of one page shows the page instead of an ellipsis.
    [4, 10, [1, 2, 3, 4, 5, 6, 0, 10]],
    [10, 10, [1, 0, 8, 9, 10]],
  ])('page %i of %i shows %j (0 is …)', (current, count, pages) => {
    expect(pagerPages(current, count)).toEqual(pages)
  })
})

describe('stepped form: the server field errors of a submit (第十四条)', () => {
  test('content.* go to the form fields, without the prefix; the rest stay outside', () => {
    const { inside, outside } = fieldsUnder(
      [
        { path: 'content.title', message: '请填写标题' },
        { path: 'content.title', message: '第二条不覆盖第一条' },
        { path: 'content.attachments.0.attachmentId', message: '附件不存在或已失效，请重新上传' },
        { path: 'content', message: '申报内容不完整' },
        { path: 'profile.region.city', message: '请填写城市' },
        { path: 'contentious', message: '不在 content 之下' },
      ],
      'content',
    )
    expect(inside).toEqual({ title: '请填写标题', 'attachments.0.attachmentId': '附件不存在或已失效，请重新上传', '': '申报内容不完整' })
    expect(outside.map((f) => f.path)).toEqual(['profile.region.city', 'contentious'])
  })
})

describe('stepped form: PROFILE_INCOMPLETE under 组织信息 (第八条)', () => {
  test('one line per part, named; a part never filled reads 未填写', () => {
    expect(
      profileProblemLines([
        { path: 'profile.creditCode', message: '无效输入：期望 string，实际接收 undefined' },
        { path: 'profile.region.city', message: '请填写城市' },
        { path: 'profile.region.provinceCode', message: '请选择省份' },
        { path: 'profile.sector', message: '无效选项：期望以下之一 "manufacturing"|"construction"|"services"' },
        { path: 'profile', message: '组织信息不完整' },
      ]),
    ).toEqual(['统一社会信用代码：未填写', '所在地区：请填写城市', '所属领域：未填写', '组织信息不完整'])
  })
})
