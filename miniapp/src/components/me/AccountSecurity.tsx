import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { Me } from '@zlbg/shared'
import { logout } from '../../api/account'
import { openPage, PAGES } from '../../navigation'
import { STRINGS } from '../../strings'
import { Button, CellGroup } from '../../ui/nutui'
import type { ConfirmOptions } from '../ConfirmDialog'
import { Section } from '../Section'
import { LinkCell } from './LinkCell'

const S = STRINGS.me

/** 账号安全: change the password (accounts that have one) and sign out. */
export function AccountSecurity({ me, confirm }: { me: Me; confirm: (options: ConfirmOptions) => void }) {
  const signOut = () =>
    confirm({
      title: S.logoutTitle,
      content: S.logoutContent,
      confirmText: S.logout,
      danger: true,
      onConfirm: async () => {
        try {
          await logout()
        } catch {
          // Signed out on this device anyway (client.ts); the toast said what the server answered.
          return
        }
        void Taro.showToast({ title: S.loggedOut, icon: 'none', duration: 2000 })
      },
    })

  return (
    <Section title={S.securityTitle} className="me-security">
      {me.hasPassword ? (
        <CellGroup className="me-security-links">
          <LinkCell className="me-change-password" title={S.changePassword} onClick={() => openPage(PAGES.changePassword)} isLast />
        </CellGroup>
      ) : null}
      <View className="me-logout-row">
        <Button className="me-logout" block fill="outline" onClick={signOut}>
          {S.logout}
        </Button>
      </View>
    </Section>
  )
}
