import { z } from 'zod'

/**
 * An e-mail address both sides agree on (issue 12, item 7). zod's own pattern accepted addresses the
 * OpenAPI document's `format: email` refuses (`a@b-.cn`: a domain label ending in a hyphen; labels of
 * more than 63 characters) and the server echoed them back. This pattern sits inside `format: email`:
 * dot-separated atoms (an apostrophe inside one, as in o'brien), hostname labels of letters, digits
 * and single inner hyphens, a letter-only top-level domain. Written without look-arounds, so a test
 * generator can draw from it. The lengths (local part 64, label 63, whole 254) are checked apart.
 */
const PATTERN = /^[A-Za-z0-9_+-]+(?:[.'][A-Za-z0-9_+-]+)*@(?:[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\.)+[A-Za-z]{2,63}$/

export function emailAddress(message = '邮箱格式不正确') {
  return z
    .email({ pattern: PATTERN, error: message })
    .max(254, message)
    .refine((e) => {
      const [local = '', domain = ''] = e.split('@')
      return local.length <= 64 && domain.split('.').every((label) => label.length <= 63)
    }, message)
}
