import type { Rules } from './define'

export const SYSTEM_RULES: Rules = {
  'system.health': { who: 'everyone' },
  'system.openapi': { who: 'everyone' },
}
