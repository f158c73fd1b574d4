import { Text, View } from '@tarojs/components'
import { ROLE_LABELS, type Me, type Role } from '@zlbg/shared'
import { STRINGS } from '../../strings'
import { THEME } from '../../theme'
import { Tag } from '../../ui/nutui'

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role
}

/** Who is signed in: name, login name or e-mail, and every role (contract labels). */
export function AccountCard({ me }: { me: Me }) {
  return (
    <View className="me-card me-profile">
      <View className="me-avatar">
        <Text className="me-avatar-text">{me.displayName.slice(0, 1)}</Text>
      </View>
      <View className="me-profile-text">
        <Text className="me-name">{me.displayName}</Text>
        {me.username ? <Text className="me-account me-username">{STRINGS.me.username(me.username)}</Text> : null}
        {me.email ? <Text className="me-account me-email">{me.email}</Text> : null}
        <View className="me-roles">
          {me.roles.map((role) => (
            <Tag key={role} className="zlbg-tag me-role" plain background={THEME.primary}>
              {roleLabel(role)}
            </Tag>
          ))}
        </View>
      </View>
    </View>
  )
}
