import { useCallback, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { MESSAGE_TEMPLATES, MESSAGE_TEMPLATE_LABELS, formatDateTime, type Me, type MessageTemplate, type MessageView } from '@zlbg/shared'
import { fetchMessagePage, markMessageRead } from '../../api/messages'
import { EmptyState } from '../../components/EmptyState'
import { PagedListBody, SkeletonList } from '../../components/PagedListBody'
import { Section } from '../../components/Section'
import { SignInPrompt } from '../../components/SignInPrompt'
import { useMe } from '../../hooks/useMe'
import { usePagedQuery } from '../../hooks/usePagedQuery'
import { setUnreadCount, useUnreadCount } from '../../hooks/useUnreadCount'
import { openInAppLink } from '../../navigation'
import { STRINGS } from '../../strings'
import { askForSubscriptions, cachedSubscriptions, canSubscribe, prepareSubscriptions } from '../../subscribe'
import { Button } from '../../ui/nutui'
import './messages.css'

const S = STRINGS.messages

/** The prompt on this page: WeChat shows at most three; 交流活动提醒 is asked when registering for an event. */
const PROMPT_KINDS: readonly MessageTemplate[] = ['application_progress', 'defense_schedule', 'objection_result']

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none', duration: 2000 })
}

/** 接收微信通知: what the notifications are, and the subscription prompt (WeChat users). */
function SubscribeCard() {
  const [asking, setAsking] = useState(false)
  const [, setVersion] = useState(0)
  useDidShow(() => {
    void prepareSubscriptions().then(() => setVersion((v) => v + 1))
  })
  const credits = new Map(cachedSubscriptions()?.templates.map((t) => [t.name, t.credits]) ?? [])

  // Straight from the tap: askForSubscriptions opens WeChat's prompt before any other await.
  const ask = async () => {
    if (!canSubscribe()) {
      toast(S.subscribeUnsupported)
      return
    }
    setAsking(true)
    try {
      const outcome = await askForSubscriptions(PROMPT_KINDS)
      if (outcome.status === 'noTemplates') toast(S.subscribeNoTemplates)
      else if (outcome.status === 'unsupported') toast(S.subscribeUnsupported)
      else if (outcome.status === 'failed') toast(S.subscribeFailed)
      else toast(outcome.accepted.length ? S.subscribeDone(outcome.accepted.length) : S.subscribeNone)
      setVersion((v) => v + 1)
    } finally {
      setAsking(false)
    }
  }

  return (
    <Section title={S.subscribeTitle} className="messages-subscribe">
      <Text className="messages-subscribe-intro">{S.subscribeIntro}</Text>
      <View className="messages-subscribe-kinds">
        {MESSAGE_TEMPLATES.map((name) => (
          <View key={name} className={`messages-subscribe-kind messages-subscribe-kind--${name}`}>
            <Text className="messages-subscribe-kind-label">{MESSAGE_TEMPLATE_LABELS[name]}</Text>
            {credits.has(name) ? <Text className="messages-subscribe-kind-credits">{S.credits(credits.get(name) ?? 0)}</Text> : null}
          </View>
        ))}
      </View>
      <Text className="messages-subscribe-note">{S.subscribeEventNote}</Text>
      <Button
        className="messages-subscribe-button"
        type="primary"
        fill="outline"
        block
        loading={asking}
        disabled={asking}
        onClick={() => void ask()}
      >
        {asking ? S.subscribeAsking : S.subscribeButton}
      </Button>
    </Section>
  )
}

function MessageRow({ message, onOpen }: { message: MessageView; onOpen: () => void }) {
  const unread = !message.readAt
  return (
    <View className={`message-row${unread ? ' message-row--unread' : ''}`} onClick={onOpen}>
      <View className="message-row-head">
        {unread ? <View className="message-row-dot" ariaLabel={S.unreadDot} /> : null}
        <Text className="message-row-title">{message.title}</Text>
      </View>
      <Text className="message-row-body">{message.body}</Text>
      <View className="message-row-foot">
        <Text className="message-row-time">{formatDateTime(message.createdAt)}</Text>
        {message.link ? <Text className="message-row-link">›</Text> : null}
      </View>
    </View>
  )
}

function MessageCenter({ me }: { me: Me }) {
  const unread = useUnreadCount()
  const fetchPage = useCallback(
    (page: number) =>
      fetchMessagePage(page).then((result) => {
        setUnreadCount(result.unread)
        return result
      }),
    [],
  )
  const list = usePagedQuery(fetchPage, me.id)

  // Back from a linked page, or a notice arrived meanwhile: load again (not on the first show).
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void list.reload()
    shown.current = true
  })
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void list.loadMore()
  })

  const open = (message: MessageView) => {
    if (!message.readAt) {
      list.replaceItem({ ...message, readAt: new Date().toISOString() })
      if (unread !== null) setUnreadCount(Math.max(0, unread - 1))
      // Marked read in the background: opening the link does not wait for it.
      markMessageRead(message.id).catch(() => undefined)
    }
    if (message.link && !openInAppLink(message.link)) toast(S.linkUnavailable)
  }

  return (
    <View className="messages">
      <View className="messages-header">
        <Text className="messages-title">{STRINGS.titles.messages}</Text>
        {list.status === 'ready' && unread !== null ? <Text className="messages-unread">{S.unread(unread)}</Text> : null}
      </View>
      {me.roles.includes('wechat_user') ? <SubscribeCard /> : null}
      <PagedListBody
        list={list}
        prefix="messages"
        className="message-list"
        strings={S}
        loading={<SkeletonList className="messages-loading" itemClassName="message-row" rows={3} />}
        footer={{ className: 'messages-footer' }}
      >
        {(message) => <MessageRow key={message.id} message={message} onOpen={() => open(message)} />}
      </PagedListBody>
    </View>
  )
}

/** 我的 → 消息: every notice the person received, newest first; WeChat users may subscribe here too. */
export default function MessagesPage() {
  const { status, me, error, endedMessage, reload } = useMe()
  let body
  if (status === 'signedOut') body = <SignInPrompt reason={endedMessage} />
  else if (status === 'error' && !me) {
    body = (
      <EmptyState
        kind="error"
        className="messages-error"
        title={STRINGS.session.meErrorTitle}
        description={error ?? STRINGS.network.failed}
        action={{ text: STRINGS.common.retry, className: 'messages-retry', onClick: () => void reload() }}
      />
    )
  } else if (!me) {
    body = <SkeletonList className="messages-loading" itemClassName="message-row" rows={3} count={1} />
  } else body = <MessageCenter me={me} />
  return <View className="page messages-page">{body}</View>
}
