import { staff, type Rules } from './define'

export const ACCOUNT_RULES: Rules = {
  'auth.login': { who: 'everyone' },
  'session.end': { who: 'signedIn' },
  'me.read': { who: 'signedIn' },
  'me.update': { who: 'signedIn' },
  'user.manage': { who: staff },
}
