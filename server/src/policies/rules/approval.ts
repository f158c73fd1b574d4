import { staff, type Rules } from './define'

export const APPROVAL_RULES: Rules = {
  // 第十九条: the approver reads what they sign; the office follows the same sheet to publish it. Neither
  // sees scores, comments or reviewers there (第十三条): the sheet carries only the public entry fields.
  'approval.read': { who: ['approver', ...staff] },
  // The CAQ approver alone signs; `admin` is the office's administrator and does not stand in (第十九条).
  'approval.sign': { who: ['approver'] },
  'listing.publish': { who: staff },
}
