import { staff, type Rules } from './define'

export const LISTED_RULES: Rules = {
  // 第十九条: the published list is public by nature; only the public fields (presenters/listing/experience.ts) leave.
  'listed.read': { who: 'everyone' },
  // 第十九条、第二十条: the office imports earlier years and follows the listed organizations' obligations.
  'listed.manage': { who: staff },
}
