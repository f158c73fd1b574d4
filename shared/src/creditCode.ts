/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-letter alphabet (no I, O, Z, S, V); the
 * last is a check character over the first 17 with weights 3^i mod 31. 第八条(一) relies on it: a
 * code that fails the check is not a registration in the PRC.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/
/**
 * The shape as typed (either case, spaces around), so the OpenAPI document states it as a pattern:
 * only the check character is left to a refinement (422, issue 12 item 7).
 */
export const CREDIT_CODE_INPUT_PATTERN = /^ *[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{10} *$/

/** The check character of the first 17 characters, or undefined if one is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | undefined {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i] ?? '')
    if (value < 0) return undefined
    sum += value * WEIGHTS[i]!
  }
  return ALPHABET[(31 - (sum % 31)) % 31]
}

export type CreditCodeProblem = 'length' | 'characters' | 'checkDigit'

/** Why a code is not a valid 统一社会信用代码, or undefined when it is. Upper-case input expected. */
export function creditCodeProblem(code: string): CreditCodeProblem | undefined {
  if (code.length !== 18) return 'length'
  if (!SHAPE.test(code)) return 'characters'
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? undefined : 'checkDigit'
}

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  length: '统一社会信用代码应为 18 位',
  characters: '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）',
  checkDigit: '统一社会信用代码校验位不正确，请核对',
}
