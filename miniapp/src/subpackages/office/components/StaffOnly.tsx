import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import type { Me } from '@zlbg/shared'
import { isOfficeStaff } from '../../../api/session'
import { useMe } from '../../../hooks/useMe'
import { STRINGS } from '../../../strings'
import { Skeleton } from '../../../ui/nutui'
import { EmptyState } from '../../../components/EmptyState'
import { ForbiddenNotice, SignInPrompt } from '../../../components/SignInPrompt'
import './office.css'

/**
 * The office workbench's gate: a sign-in prompt when signed out (or when the session just ended),
 * a notice for accounts without the office or admin role (or what `allowed` asks: the approver's pages in
 * this subpackage), the page itself otherwise. The server
 * checks the same rule on every request; this only spares a page of 403s.
 */
export function StaffOnly({ children, allowed = isOfficeStaff }: { children: (me: Me) => ReactNode; allowed?: (me: Me) => boolean }) {
  const { status, me, error, endedMessage, reload } = useMe()
  if (status === 'signedOut') return <SignInPrompt reason={endedMessage} />
  if (status === 'loading') {
    return (
      <View className="staff-only-loading">
        <Skeleton rows={4} size="small" animated />
      </View>
    )
  }
  if (status === 'error' || !me) {
    return (
      <EmptyState
        kind="error"
        className="staff-only-error"
        title={STRINGS.session.meErrorTitle}
        description={error ?? STRINGS.network.failed}
        action={{ text: STRINGS.common.retry, className: 'staff-only-retry', onClick: () => void reload() }}
      />
    )
  }
  if (!allowed(me)) return <ForbiddenNotice />
  return <>{children(me)}</>
}
