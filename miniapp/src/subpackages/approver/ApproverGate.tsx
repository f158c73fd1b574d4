import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import type { Me } from '@zlbg/shared'
import { isOfficeStaff } from '../../api/session'
import { EmptyState } from '../../components/EmptyState'
import { ForbiddenNotice, SignInPrompt } from '../../components/SignInPrompt'
import { useMe } from '../../hooks/useMe'
import { STRINGS } from '../../strings'
import { Skeleton } from '../../ui/nutui'

export const isApprover = (me: Me) => me.roles.includes('approver')

/**
 * The approver's pages' gate: a sign-in prompt when signed out, a notice for accounts that may not
 * read the sheet — the approver, and with `office` the office too (it follows the record to publish
 * it); the server checks the same rule on every request.
 */
export function ApproverGate({ office = false, children }: { office?: boolean; children: (me: Me) => ReactNode }) {
  const { status, me, error, endedMessage, reload } = useMe()
  if (status === 'signedOut') return <SignInPrompt reason={endedMessage} />
  if (status === 'loading') {
    return (
      <View className="approver-loading">
        <Skeleton rows={4} size="small" animated />
      </View>
    )
  }
  if (status === 'error' || !me) {
    return (
      <EmptyState
        kind="error"
        className="approver-gate-error"
        title={STRINGS.session.meErrorTitle}
        description={error ?? STRINGS.network.failed}
        action={{ text: STRINGS.common.retry, className: 'approver-gate-retry', onClick: () => void reload() }}
      />
    )
  }
  if (!isApprover(me) && !(office && isOfficeStaff(me))) return <ForbiddenNotice />
  return <>{children(me)}</>
}
