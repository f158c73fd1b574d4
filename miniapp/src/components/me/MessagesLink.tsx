import { useEffect } from 'react'
import { refreshUnreadCount, useUnreadCount } from '../../hooks/useUnreadCount'
import { openPage, PAGES } from '../../navigation'
import { STRINGS } from '../../strings'
import { CellGroup } from '../../ui/nutui'
import { Section } from '../Section'
import { LinkCell } from './LinkCell'

const S = STRINGS.me

/** 消息: the message center, with the unread count (fetched by 我的 on every visit). */
export function MessagesLink() {
  const unread = useUnreadCount()
  // Just signed in on 我的 (no new page show): fetch it now.
  useEffect(() => {
    void refreshUnreadCount()
  }, [])
  return (
    <Section title={S.messagesTitle} className="me-messages-section">
      <CellGroup className="me-messages-links">
        <LinkCell
          className="me-messages"
          title={S.messagesEntry}
          description={S.messagesHint}
          badge={unread ? S.unreadBadge(unread) : undefined}
          badgeClassName="me-messages-unread"
          onClick={() => openPage(PAGES.messages)}
          isLast
        />
      </CellGroup>
    </Section>
  )
}
