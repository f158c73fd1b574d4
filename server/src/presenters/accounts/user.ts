import type { UserView } from '@zlbg/shared'
import type { UserRecord } from '../../models/user'

export function presentUser(user: UserRecord): UserView {
  return {
    id: user._id.toHexString(),
    ...(user.username ? { username: user.username } : {}),
    displayName: user.displayName,
    ...(user.email ? { email: user.email } : {}),
    roles: user.roles,
    disabled: user.disabled,
    ...(user.disabled && user.disabledReason ? { disabledReason: user.disabledReason } : {}),
    wechatBound: !!user.wechatOpenid,
    invitePending: !user.passwordHash && !user.wechatOpenid,
    createdAt: user.createdAt.toISOString(),
    ...(user.lastLoginAt ? { lastLoginAt: user.lastLoginAt.toISOString() } : {}),
  }
}
