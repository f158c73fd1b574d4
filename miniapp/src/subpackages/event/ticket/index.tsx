import { useEffect } from 'react'
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { formatDateTime, TicketParamsSchema } from '@zlbg/shared'
import { fetchTicket, type Ticket } from '../../../api/checkin'
import { LoadStates } from '../../../components/LoadStates'
import { SignInPrompt } from '../../../components/SignInPrompt'
import { useLoaded, validId } from '../../../hooks/useLoaded'
import { useMe } from '../../../hooks/useMe'
import './ticket.css'

/** The page's words (第二十条: check-in at an exchange event). */
const S = {
  code: '签到码',
  codeHint: '扫码不便时，请工作人员输入签到码',
  expires: (at: string) => `二维码 ${formatDateTime(at)} 前有效，每次打开本页自动更新`,
  brightness: '请调高屏幕亮度，向工作人员出示二维码',
  time: '时间',
  place: '地点',
  mode: '形式',
  attendee: '参会人',
  organization: '单位',
  checkedInAt: '签到时间',
  notFound: '电子票不存在',
  notFoundHint: '报名不存在，或不是本组织的报名',
  errorTitle: '电子票加载失败',
}

/** A token is refreshed this long before it expires while the page stays open. */
const REFRESH_BEFORE_MS = 5 * 60_000

function Line({ label, value, className }: { label: string; value: string; className: string }) {
  return (
    <View className="ticket-line">
      <Text className="ticket-line-label">{label}</Text>
      <Text className={`ticket-line-value ${className}`}>{value}</Text>
    </View>
  )
}

function TicketCard({ ticket }: { ticket: Ticket }) {
  const pass = ticket.pass
  return (
    <View className="ticket-card">
      <Text className="ticket-event">{ticket.eventTitle}</Text>
      <Text className={`ticket-state ticket-state--${ticket.state}`}>{ticket.stateLabel}</Text>
      {pass ? (
        <View className="ticket-pass">
          <Image className="ticket-qr" src={pass.qrDataUrl} mode="aspectFit" showMenuByLongpress={false} />
          <Text className="ticket-hint">{S.brightness}</Text>
          <Text className="ticket-code-label">{S.code}</Text>
          <Text className="ticket-code" userSelect>
            {pass.checkInCode}
          </Text>
          <Text className="ticket-hint">{S.codeHint}</Text>
          <Text className="ticket-expires">{S.expires(pass.expiresAt)}</Text>
        </View>
      ) : (
        <Text className="ticket-note">{ticket.note}</Text>
      )}
      <View className="ticket-lines">
        <Line label={S.attendee} value={`${ticket.attendee.name}（${ticket.attendee.title}）`} className="ticket-attendee" />
        {ticket.organizationName ? <Line label={S.organization} value={ticket.organizationName} className="ticket-organization" /> : null}
        <Line label={S.time} value={`${formatDateTime(ticket.startsAt)} — ${formatDateTime(ticket.endsAt)}`} className="ticket-time" />
        <Line label={S.mode} value={ticket.modeLabel} className="ticket-mode" />
        {ticket.place ? <Line label={S.place} value={ticket.place} className="ticket-place" /> : null}
        {ticket.checkedInAt ? <Line label={S.checkedInAt} value={formatDateTime(ticket.checkedInAt)} className="ticket-checked-in" /> : null}
      </View>
    </View>
  )
}

/**
 * One attendee's electronic ticket (第二十条): the QR code the office scans at the door — a signed
 * token that expires, fetched anew each time the page is shown and again before it runs out — and the
 * short check-in code to type when scanning fails. For members of the registering organization (or the
 * registrant on the public quota); anyone else sees "not found".
 */
export default function TicketPage() {
  const { params } = useRouter()
  const { status } = useMe()
  const loaded = useLoaded(fetchTicket, validId(TicketParamsSchema, params.id))
  useDidShow(() => void loaded.refresh())
  // Keep the QR code valid while the page stays open at the door.
  const expiresAt = loaded.data?.pass?.expiresAt
  useEffect(() => {
    if (!expiresAt) return undefined
    const wait = Math.max(30_000, Date.parse(expiresAt) - Date.now() - REFRESH_BEFORE_MS)
    const timer = setTimeout(() => void loaded.refresh(), wait)
    return () => clearTimeout(timer)
  }, [expiresAt, loaded.refresh])
  useDidHide(() => {
    if (process.env.TARO_ENV === 'weapp') void Taro.setKeepScreenOn({ keepScreenOn: false })
  })
  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp' && expiresAt) void Taro.setKeepScreenOn({ keepScreenOn: true })
  }, [expiresAt])
  if (status === 'signedOut') return <SignInPrompt />
  return (
    <View className="page ticket">
      {loaded.data ? (
        <TicketCard ticket={loaded.data} />
      ) : (
        <LoadStates
          status={loaded.status}
          error={loaded.error}
          onRetry={() => void loaded.reload()}
          loading={{ className: 'ticket-loading', rows: [6], boxClassName: 'ticket-card' }}
          classes={{ notFound: 'ticket-not-found', back: 'ticket-back', error: 'ticket-error', retry: 'ticket-retry' }}
          strings={{ notFoundTitle: S.notFound, notFoundDescription: S.notFoundHint, errorTitle: S.errorTitle }}
        />
      )}
    </View>
  )
}
