// The 申报表 and 组织信息 forms' pure parts: drafts that always save, step checks with the shared
// schemas, and supplement drafts that leave unrequested sections as the server has them (第十五条).
import { ApplicationDraftSchema, CRITERIA, type SupplementSection } from '@zlbg/shared'
import { clearAt, errorAt, pruneInvalid } from '../../miniapp/src/hooks/pathErrors'
import {
  comparisonYears,
  contentErrors,
  draftOf,
  emptyRow,
  stepErrors,
  stepOfPath,
  supplementDraftOf,
  type ContentForm,
} from '../../miniapp/src/subpackages/org/applications/content'
import { lastCompleteYears, profileErrors, profileFormFrom } from '../../miniapp/src/subpackages/org/profile/form'

const LONG = '质量'.repeat(60)

function form(patch: Partial<ContentForm> = {}): ContentForm {
  return {
    title: '',
    summary: '',
    methods: [],
    methodsOther: '',
    criteria: Object.fromEntries(CRITERIA.map((c) => [c, ''])) as ContentForm['criteria'],
    comparison: [],
    practiceSince: '',
    practiceScope: '',
    attachments: [],
    ...patch,
  }
}

describe('autosave drafts', () => {
  test('an empty form saves as an empty draft the server accepts', () => {
    expect(ApplicationDraftSchema.safeParse(draftOf(form())).success).toBe(true)
  })

  test('what is not valid yet is left out, the rest is saved', () => {
    const row = { ...emptyRow(), indicator: '合格率', own: { 2024: '98.5', 2025: 'abc' }, competitor: { name: '甲', value: '97' } }
    const draft = draftOf(form({ title: '数字化质量', practiceSince: '2019-1', comparison: [row] }))
    expect(draft.title).toBe('数字化质量')
    expect(draft.practice?.since).toBeUndefined()
    expect(draft.comparison?.[0]?.indicator).toBe('合格率')
    // A one-letter competitor name is not saved yet, nor a value that is not a number; the rest is.
    expect(draft.comparison?.[0]?.competitor).toEqual({ value: 97 })
    expect(draft.comparison?.[0]?.own).toEqual([{ year: 2024, value: 98.5 }])
    expect(ApplicationDraftSchema.safeParse(draft).success).toBe(true)
  })

  test('pruneInvalid gives up on a value it cannot repair', () => {
    expect(pruneInvalid(ApplicationDraftSchema, 'not an object')).toBeNull()
  })
})

describe('step checks with ApplicationContentSchema', () => {
  test('an empty form has errors in every step but 确认提交, each mapped to its step', () => {
    const errors = contentErrors(form())
    expect(stepErrors(errors, 'basics')).toHaveProperty('title')
    expect(Object.keys(stepErrors(errors, 'criteria'))).toHaveLength(6)
    expect(stepErrors(errors, 'comparison')).toHaveProperty('comparison')
    expect(stepErrors(errors, 'practice')).toHaveProperty('practice')
    expect(stepErrors(errors, 'attachments')).toEqual({})
    expect(stepOfPath('comparison.0.own')).toBe('comparison')
    expect(stepOfPath('profile.iso9001')).toBeNull()
  })

  test('显效性 needs a competitor or a benchmark, and numbers that are numbers', () => {
    const row = { ...emptyRow(), indicator: '合格率', unit: '%', own: { 2025: '99' }, source: '统计年报' }
    expect(errorAt(contentErrors(form({ comparison: [row] })), 'comparison.0.competitor')).toBe('请至少填写竞争对手或标杆组织的对比数据')
    const typo = { ...row, own: { 2025: '9x' }, competitor: { name: '竞争对手', value: '98' } }
    expect(contentErrors(form({ comparison: [typo] }))['comparison.0.own']).toBe('请填写数字')
  })

  test('a complete form passes', () => {
    const row = { ...emptyRow(), indicator: '合格率', unit: '%', own: { 2025: '99.1' }, benchmark: { name: '标杆组织', value: '99.5' }, source: '统计年报' }
    const complete = form({
      title: '数字化质量管理',
      summary: LONG,
      methods: ['精益管理'],
      criteria: Object.fromEntries(CRITERIA.map((c) => [c, LONG])) as ContentForm['criteria'],
      comparison: [row],
      practiceSince: '2019-06',
      practiceScope: '全部生产基地的制造环节',
    })
    expect(contentErrors(complete)).toEqual({})
  })

  test('comparison years are the three before the call year plus any filled', () => {
    expect(comparisonYears(2026, [])).toEqual([2023, 2024, 2025])
    expect(comparisonYears(2026, [{ ...emptyRow(), own: { 2020: '1', 2019: ' ' } }])).toEqual([2020, 2023, 2024, 2025])
  })
})

describe('supplement drafts (第十五条)', () => {
  test('only requested sections come from the form; the rest is sent back as saved', () => {
    const saved = {
      title: '原标题不变',
      summary: '原摘要',
      methods: ['精益管理'],
      attachments: [{ attachmentId: 'a'.repeat(24), title: '申报书', filename: 'x.pdf', contentType: 'application/pdf' as const, size: 10 }],
    }
    const edited = form({ title: '被改动的标题', summary: '补正后的摘要', methods: ['精益管理'] })
    const draft = supplementDraftOf(edited, saved, new Set<SupplementSection>(['summary']))
    expect(draft).toEqual({
      title: '原标题不变',
      summary: '补正后的摘要',
      methods: ['精益管理'],
      attachments: [{ attachmentId: 'a'.repeat(24), title: '申报书' }],
    })
  })
})

describe('组织信息 form', () => {
  test('第八条(二): the last three complete years, in Asia/Shanghai', () => {
    // 2026-12-31 20:00 UTC is already 2027 in Shanghai.
    expect(lastCompleteYears(new Date('2026-12-31T20:00:00Z'))).toEqual([2026, 2025, 2024])
    expect(lastCompleteYears(new Date('2026-06-01T00:00:00Z'))).toEqual([2025, 2024, 2023])
  })

  test('an empty profile asks for every choice and refuses a wrong credit code', () => {
    const empty = profileFormFrom(null, new Date('2026-06-01T00:00:00Z'))
    const errors = profileErrors({ ...empty, creditCode: '91350100M000100Y44', profits: [{ year: 2025, value: '12a' }, ...empty.profits.slice(1)] })
    expect(errors.creditCode).toBe('统一社会信用代码校验位不正确，请核对')
    for (const path of ['region.provinceCode', 'sector', 'independentLegalPerson', 'compliance.noViolations', 'sharing.willing']) {
      expect(errors[path]).toBeTruthy()
    }
    expect(errors['profits.0']).toBe('请填写数字')
    expect(clearAt(errors, 'profits')['profits.0']).toBeUndefined()
  })
})
