import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { isOfficeStaff } from '../../api/session'
import { useConfirm } from '../../components/ConfirmDialog'
import { EmptyState } from '../../components/EmptyState'
import { AccountBinding } from '../../components/me/AccountBinding'
import { AccountCard } from '../../components/me/AccountCard'
import { AccountSecurity } from '../../components/me/AccountSecurity'
import { MyOrganizations } from '../../components/me/MyOrganizations'
import { MessagesLink } from '../../components/me/MessagesLink'
import { OfficeLinks } from '../../components/me/OfficeLinks'
import { ExpertLinks } from '../../components/me/ExpertLinks'
import { ApproverLinks } from '../../components/me/ApproverLinks'
import { ObjectionLinks } from '../../components/me/ObjectionLinks'
import { SignedOutView } from '../../components/me/SignedOutView'
import { refreshMe, useMe } from '../../hooks/useMe'
import { refreshUnreadCount } from '../../hooks/useUnreadCount'
import { STRINGS } from '../../strings'
import { Skeleton } from '../../ui/nutui'
import './index.css'

/** 我的: signing in, the caller's account, roles and organizations, and the office workbench. */
export default function MePage() {
  const { status, me, error, endedMessage, reload } = useMe()
  const [dialog, confirm] = useConfirm()

  // Roles and organizations change elsewhere (an invite accepted, a listing): fetch again on every visit.
  useDidShow(() => {
    void refreshMe()
    void refreshUnreadCount()
  })
  usePullDownRefresh(() => {
    void Promise.all([refreshMe(), refreshUnreadCount()]).finally(() => Taro.stopPullDownRefresh())
  })

  let body
  if (status === 'signedOut') {
    body = <SignedOutView endedMessage={endedMessage} />
  } else if (status === 'loading' || (status === 'ready' && !me)) {
    body = (
      <View className="me-loading">
        <View className="me-card">
          <Skeleton rows={3} size="small" animated />
        </View>
      </View>
    )
  } else if (status === 'error' || !me) {
    body = (
      <EmptyState
        kind="error"
        className="me-error"
        title={STRINGS.session.meErrorTitle}
        description={error ?? STRINGS.network.failed}
        action={{ text: STRINGS.common.retry, className: 'me-retry', onClick: () => void reload() }}
      />
    )
  } else {
    body = (
      <View className="me-signed-in">
        <AccountCard me={me} />
        <MessagesLink />
        {isOfficeStaff(me) ? <OfficeLinks /> : null}
        {me.roles.includes('expert') ? <ExpertLinks /> : null}
        {me.roles.includes('approver') ? <ApproverLinks /> : null}
        {me.roles.includes('wechat_user') ? <ObjectionLinks /> : null}
        <MyOrganizations me={me} confirm={confirm} />
        <AccountBinding me={me} />
        <AccountSecurity me={me} confirm={confirm} />
      </View>
    )
  }

  return (
    <View className="page me">
      {body}
      {dialog}
    </View>
  )
}
