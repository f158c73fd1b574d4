import { staff, type Rules } from './define'

export const CALENDAR_RULES: Rules = {
  // The working-day calendar is the office's tool for counting 第十八条's publicity window; the public
  // sees only the window's dates, on the publicity list itself.
  'calendar.read': { who: staff },
  'calendar.confirm': { who: staff },
}
