import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { REGISTRATION_STATE_LABELS, formatDateTime } from '@zlbg/shared'
import { toApiError } from '../../api/errors'
import { useConfirm } from '../../components/ConfirmDialog'
import { openPage, PAGES } from '../../navigation'
import { Button } from '../../ui/nutui'
import { cancelRegistration, type MyRegistration } from './api'
import { EVENT_STRINGS } from './strings'

const S = EVENT_STRINGS.mine

/**
 * One registration as its registrant sees it: attendee, state, place in line, the meeting link once
 * confirmed (online), cancelling before the deadline (asked first), the ticket for a confirmed one.
 * Hooks: `.event-registration` with data-state, `.event-registration-cancel`, `.event-registration-ticket`.
 */
export function RegistrationCard({ r, showEvent, onChanged }: { r: MyRegistration; showEvent: boolean; onChanged: () => void }) {
  const [dialog, confirm] = useConfirm()
  const cancel = () =>
    confirm({
      title: S.cancelTitle,
      content: S.cancelContent(r.attendee.name),
      confirmText: S.cancel,
      danger: true,
      onConfirm: async () => {
        try {
          await cancelRegistration(r.id)
          void Taro.showToast({ title: S.cancelled, icon: 'none' })
        } catch (e) {
          void Taro.showToast({ title: toApiError(e).message, icon: 'none', duration: 3000 })
        }
        onChanged()
      },
    })
  return (
    <View className={`event-card event-registration event-registration--${r.state}`} data-state={r.state} data-name={r.attendee.name}>
      {showEvent ? (
        <Text className="event-card-title event-registration-event" onClick={() => openPage(`${PAGES.eventDetail}?id=${r.eventId}`)}>
          {r.eventTitle}
        </Text>
      ) : null}
      <View className="event-registration-head">
        <Text className="event-registration-name">{`${r.attendee.name} · ${r.attendee.title}`}</Text>
        <Text className={`event-state event-state--${r.state} event-registration-state`}>
          {r.waitlistPosition ? `${REGISTRATION_STATE_LABELS[r.state]} · ${S.position(r.waitlistPosition)}` : REGISTRATION_STATE_LABELS[r.state]}
        </Text>
      </View>
      {showEvent ? <Text className="event-meta">{formatDateTime(r.startsAt)}</Text> : null}
      <Text className="event-meta">{r.organizationName ? S.forOrg(r.organizationName) : S.publicQuota}</Text>
      {r.link ? <Text className="event-meta event-registration-link" userSelect>{`${S.link}：${r.link}`}</Text> : null}
      {r.canCancel ? <Text className="event-meta">{S.cancelBy(formatDateTime(r.cancellationDeadline))}</Text> : null}
      <View className="event-actions">
        {r.state === 'confirmed' && r.eventState !== 'cancelled' ? (
          <Button className="event-registration-ticket" size="small" type="primary" onClick={() => openPage(`${PAGES.eventTicket}?id=${r.id}`)}>
            {S.ticket}
          </Button>
        ) : null}
        {r.canCancel ? (
          <Button className="event-registration-cancel" size="small" fill="outline" onClick={cancel}>
            {S.cancel}
          </Button>
        ) : null}
      </View>
      {dialog}
    </View>
  )
}
