// The office's call editor (miniapp/src/subpackages/office/calls/form.ts): form values ↔ the shared
// CallDraftSchema, date-times typed in Beijing time, and where errors land. Pure, no Taro.
import { CallDraftSchema, CallInputSchema, DEFAULT_QUALITY_METHODS, fieldErrors, type OfficeCall } from '@zlbg/shared'
import {
  callToForm,
  emptyCallForm,
  fieldLabel,
  formToDraft,
  pickedDateTime,
  placeErrors,
  shanghaiInstant,
  shanghaiText,
  type CallFormValues,
} from '../../miniapp/src/subpackages/office/calls/form'

function filled(): CallFormValues {
  return {
    ...emptyCallForm(new Date('2026-12-31T17:00:00Z')),
    title: '关于开展2027年质量标杆典型经验征集活动的通知',
    body: '为总结推广质量管理的典型经验，现开展征集活动。',
    keyFields: [{ title: '数字化质量管理', description: '' }],
    sectors: ['services', 'manufacturing'],
    schedule: [
      { kind: 'application', startsAt: '2027-03-01 09:00', endsAt: '2027-04-30 17:00', note: '' },
      { kind: 'publicity', startsAt: '2027-08-01 00:00', endsAt: '', note: ' 5 个工作日 ' },
    ],
    contact: { department: '质量标杆工作办公室', person: '', phone: '010-12345678', email: '', address: '' },
  }
}

describe('date-times in Beijing time (第五条 schedule)', () => {
  test.each([
    ['an ordinary time', '2027-03-01 09:00', '2027-03-01T09:00:00+08:00'],
    ['single-digit parts', '2027-3-1 9:05', '2027-03-01T09:05:00+08:00'],
    ['29 February of a leap year', '2028-02-29 23:59', '2028-02-29T23:59:00+08:00'],
  ])('%s: %s', (_name, text, instant) => {
    expect(shanghaiInstant(text)).toBe(instant)
  })

  test.each([
    ['29 February of a common year', '2027-02-29 09:00'],
    ['hour 24', '2027-03-01 24:00'],
    ['no time', '2027-03-01'],
    ['a slash date', '2027/03/01 09:00'],
    ['empty', ''],
  ])('refuses %s', (_name, text) => {
    expect(shanghaiInstant(text)).toBeNull()
  })

  test('an instant stored in UTC is shown in Beijing time, across midnight', () => {
    expect(shanghaiText('2027-04-30T16:30:00.000Z')).toBe('2027-05-01 00:30')
    expect(shanghaiInstant(shanghaiText('2027-04-30T16:30:00.000Z'))).toBe('2027-05-01T00:30:00+08:00')
  })

  test('the picker columns become the typed form', () => {
    expect(pickedDateTime(['2027', '03', '01', '09', '05'])).toBe('2027-03-01 09:05')
  })
})

describe('a new call', () => {
  test('is this year in Beijing, with the 组织申报 stage and the default methods and limit', () => {
    // 31 December 17:00 UTC is already 1 January in Beijing.
    const values = emptyCallForm(new Date('2026-12-31T17:00:00Z'))
    expect(values.year).toBe('2027')
    expect(values.schedule.map((m) => m.kind)).toEqual(['application'])
    expect(values.qualityMethods).toEqual([...DEFAULT_QUALITY_METHODS])
    expect(values.maxApplicationsPerOrganization).toBe('1')
  })

  test('with only a title saves as a draft: untouched blank rows are left out', () => {
    const values = { ...emptyCallForm(), title: '2027年度征集通知（草稿）' }
    const { draft, local } = formToDraft(values)
    expect(local).toEqual([])
    expect(draft).not.toHaveProperty('keyFields')
    expect(draft).not.toHaveProperty('schedule')
    expect(draft).not.toHaveProperty('contact')
    expect(CallDraftSchema.safeParse(draft).success).toBe(true)
    // …but it cannot be published yet.
    expect(CallInputSchema.safeParse(draft).success).toBe(false)
  })
})

describe('a filled form', () => {
  test('becomes a complete call with instants at +08:00 and trimmed notes', () => {
    const { draft, local } = formToDraft(filled())
    expect(local).toEqual([])
    expect(draft.schedule).toEqual([
      { kind: 'application', startsAt: '2027-03-01T09:00:00+08:00', endsAt: '2027-04-30T17:00:00+08:00' },
      { kind: 'publicity', startsAt: '2027-08-01T00:00:00+08:00', note: '5 个工作日' },
    ])
    expect(draft.contact).toEqual({ department: '质量标杆工作办公室', phone: '010-12345678' })
    expect(CallInputSchema.safeParse(draft).success).toBe(true)
  })

  test('round-trips through the office view of the saved call', () => {
    const { draft } = formToDraft(filled())
    const parsed = CallInputSchema.parse(draft)
    const saved: OfficeCall = {
      ...parsed,
      id: '0123456789abcdef01234567',
      state: 'draft',
      // The server stores UTC.
      schedule: parsed.schedule.map((m) => ({ ...m, startsAt: new Date(m.startsAt).toISOString(), ...(m.endsAt ? { endsAt: new Date(m.endsAt).toISOString() } : {}) })),
      templates: [],
      corrections: [],
      missing: [],
      applicationCount: 0,
      createdAt: '2027-01-01T00:00:00.000Z',
      updatedAt: '2027-01-01T00:00:00.000Z',
    }
    const again = callToForm(saved)
    expect(again.schedule[0]).toEqual({ kind: 'application', startsAt: '2027-03-01 09:00', endsAt: '2027-04-30 17:00', note: '' })
    expect(formToDraft(again).draft).toEqual(draft)
  })

  test('a mistyped date-time is refused under that stage, not as an ISO error', () => {
    const values = filled()
    values.schedule[1] = { ...values.schedule[1]!, startsAt: '2027-13-01 00:00' }
    const { local } = formToDraft(values)
    expect(local).toEqual([{ path: 'schedule.1.startsAt', message: expect.stringContaining('2027-03-01 09:00') }])
  })
})

describe('errors land under the row they belong to', () => {
  test('an error of a sent row goes to the form row it came from, past left-out blank rows', () => {
    const values = filled()
    values.keyFields = [{ title: '', description: '' }, { title: '质', description: '' }]
    const { draft, rows } = formToDraft(values)
    const parsed = CallDraftSchema.safeParse(draft)
    expect(parsed.success).toBe(false)
    const placed = placeErrors(parsed.success ? [] : fieldErrors(parsed.error), values, rows)
    expect(Object.keys(placed.byPath)).toEqual(['keyFields.1.title'])
  })

  test('a missing 组织申报 window lands on the schedule; an unknown field is left for the form', () => {
    const values = filled()
    const placed = placeErrors(
      [
        { path: 'schedule', message: '日程必须包含有截止时间的“组织申报”阶段' },
        { path: 'contact.fax', message: '不允许的字段「fax」' },
        { path: 'nonsense', message: '不允许的字段「nonsense」' },
      ],
      values,
      { keyFields: [], schedule: [], qualityMethods: [] },
    )
    expect(placed.byPath).toEqual({ schedule: '日程必须包含有截止时间的“组织申报”阶段', contact: '不允许的字段「fax」' })
    expect(placed.rest).toEqual(['不允许的字段「nonsense」'])
  })

  test('what publishing still needs is named by its field', () => {
    expect(fieldLabel('schedule.0.endsAt')).toBe('活动安排')
    expect(fieldLabel('contact')).toBe('联系方式')
  })
})
