import { staff, type Rules } from './define'

export const CALL_RULES: Rules = {
  // Only published and closed calls are ever loaded for these (routes/calls.ts).
  'call.list': { who: 'everyone' },
  'call.read': { who: 'everyone' },
  'call.manage': { who: staff },
}
