import { CREDIT_CODE_MESSAGES, creditCodeCheckChar, creditCodeProblem, CreditCodeSchema, fieldErrors } from '@zlbg/shared'

/**
 * 统一社会信用代码 (GB 32100-2015), the proof of 第八条(一) "lawfully registered in the PRC": 18
 * characters, no I O Z S V, the last a check character over the first 17 (weights 3^i mod 31).
 */
const VALID = [
  '91350100M000100Y43', // the standard's own example
  '914403001922038216',
  '9144030071526726XG',
  '91330100799655058B',
  '91110000100006485K',
  '911100007109279199',
]

describe('creditCodeProblem — GB 32100-2015', () => {
  test.each(VALID)('%s is valid', (code) => {
    expect(creditCodeProblem(code)).toBeUndefined()
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17])
  })

  test.each([
    ['a wrong check character', '91350100M000100Y44', 'checkDigit'],
    ['a letter where the check is a digit', '91440300192203821A', 'checkDigit'],
    ['two characters swapped (the weights catch transpositions)', '91350100M000100Y34', 'checkDigit'],
    ['one character changed in the body', '91350100M000200Y43', 'checkDigit'],
    ['17 characters', '91350100M000100Y4', 'length'],
    ['19 characters', '91350100M000100Y433', 'length'],
    ['empty', '', 'length'],
    ['the 15-digit business licence number of before 2015', '350100000001004', 'length'],
    ['the letter I', '91350100I000100Y43', 'characters'],
    ['the letter O', '91350100O000100Y43', 'characters'],
    ['the letter Z', '91350100Z000100Y43', 'characters'],
    ['the letter S', '91350100S000100Y43', 'characters'],
    ['the letter V', '91350100V000100Y43', 'characters'],
    ['a letter in the six-digit region code', '9135A100M000100Y43', 'characters'],
    ['lower case (the schema upper-cases before this check)', '91350100m000100y43', 'characters'],
    ['a full-width digit', '９1350100M000100Y43', 'characters'],
  ] as const)('%s (%s) is refused: %s', (_label, code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem)
  })

  test('each wrong last character is refused: exactly one of the 31 is the check character', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'
    const body = VALID[0]!.slice(0, 17)
    const accepted = [...alphabet].filter((c) => creditCodeProblem(body + c) === undefined)
    expect(accepted).toEqual(['3'])
  })
})

describe('CreditCodeSchema — the field as forms and the API read it', () => {
  test.each([
    ['upper case as typed', '91350100M000100Y43', '91350100M000100Y43'],
    ['lower case is accepted and stored upper-cased', '91350100m000100y43', '91350100M000100Y43'],
    ['surrounding spaces are trimmed', '  9144030071526726xg ', '9144030071526726XG'],
  ])('%s', (_label, input, output) => {
    expect(CreditCodeSchema.parse(input)).toBe(output)
  })

  test.each([
    ['91350100M000100Y44', CREDIT_CODE_MESSAGES.checkDigit],
    ['91350100M000100Y4', CREDIT_CODE_MESSAGES.length],
    ['91350100o000100y43', CREDIT_CODE_MESSAGES.characters],
    ['91350100 000100Y43', CREDIT_CODE_MESSAGES.characters],
  ])('%s is refused with the Chinese message', (input, message) => {
    const result = CreditCodeSchema.safeParse(input)
    expect(result.success).toBe(false)
    expect(fieldErrors(result.error!)).toEqual([{ path: '', message }])
  })

  test('not a string is refused', () => {
    expect(CreditCodeSchema.safeParse(913501001).success).toBe(false)
  })
})
