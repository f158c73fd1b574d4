import { staff, type Rules } from './define'

export const MESSAGE_RULES: Rules = {
  // Everyone signed in has a message center; its handlers only ever load the caller's own messages.
  'message.readOwn': { who: 'signedIn' },
  // Subscription messages go to a WeChat account, so only a person signed in with WeChat reports them.
  'subscription.manage': { who: ['wechat_user'] },
  // Who was told what, and the errors of what could not be delivered: the office's to see and retry.
  'outbox.read': { who: staff },
  'outbox.retry': { who: staff },
}
