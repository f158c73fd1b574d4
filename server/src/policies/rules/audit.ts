import { staff, type Rules } from './define'

export const AUDIT_RULES: Rules = {
  'audit.read': { who: staff },
  'audit.export': { who: staff },
}
