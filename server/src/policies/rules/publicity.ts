import { staff, type Rules } from './define'

export const PUBLICITY_RULES: Rules = {
  // 第十八条: the lists are public by nature; only the snapshot fields (presenters/publicity.ts) leave.
  'publicity.read': { who: 'everyone' },
  'publicity.manage': { who: staff },
}
