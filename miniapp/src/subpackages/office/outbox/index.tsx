import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import {
  MESSAGE_TEMPLATE_LABELS,
  OUTBOX_STATUSES,
  OUTBOX_STATUS_LABELS,
  RETRYABLE_OUTBOX_STATUSES,
  formatDateTime,
  type OutboxRecordView,
  type OutboxStatus,
} from '@zlbg/shared'
import { fetchOutboxPage, retryOutbox, type OutboxFilter } from '../../../api/messages'
import { toApiError } from '../../../api/errors'
import type { ConfirmOptions } from '../../../components/ConfirmDialog'
import { STRINGS } from '../../../strings'
import { THEME } from '../../../theme'
import { Button, Tag } from '../../../ui/nutui'
import { type Choice } from '../components/ChoiceRow'
import { StaffOnly } from '../components/StaffOnly'
import { StatusListWorkbench } from '../components/StatusListWorkbench'
import '../components/office.css'
import './outbox.css'

const S = STRINGS.outbox

type StatusFilter = OutboxStatus | ''

const STATUS_CHOICES: Choice<StatusFilter>[] = [
  { value: '', label: STRINGS.common.all },
  ...OUTBOX_STATUSES.map((status) => ({ value: status, label: OUTBOX_STATUS_LABELS[status] })),
]

const STATUS_COLORS: Record<OutboxStatus, string> = {
  pending: THEME.primary,
  sending: THEME.primary,
  sent: THEME.success,
  failed: THEME.warning,
  dead: THEME.danger,
  skipped: THEME.textTertiary,
}

function isRetryable(status: OutboxStatus): boolean {
  return (RETRYABLE_OUTBOX_STATUSES as readonly OutboxStatus[]).includes(status)
}

function Line({ label, className, children }: { label: string; className: string; children: string }) {
  return (
    <View className="outbox-line">
      <Text className="outbox-line-label">{label}</Text>
      <Text className={`outbox-line-value ${className}`} userSelect>
        {children}
      </Text>
    </View>
  )
}

function OutboxRow({
  record,
  onChange,
  confirm,
}: {
  record: OutboxRecordView
  onChange: (record: OutboxRecordView) => void
  confirm: (options: ConfirmOptions) => void
}) {
  const [error, setError] = useState<string | null>(null)
  const recipient = record.recipientName ?? S.unknownRecipient
  const kind = record.template ? `${MESSAGE_TEMPLATE_LABELS[record.template]} · ${record.kind}` : record.kind
  const retry = () =>
    confirm({
      title: S.retryTitle,
      content: S.retryContent(record.title, recipient),
      confirmText: S.retry,
      onConfirm: async () => {
        setError(null)
        try {
          onChange(await retryOutbox(record.id))
          void Taro.showToast({ title: S.retried, icon: 'none', duration: 2000 })
        } catch (e) {
          // 409: someone (or the worker) changed it meanwhile; the server says to what.
          setError(toApiError(e).message)
        }
      },
    })

  return (
    <View className={`office-row outbox-row outbox-row--${record.status}`}>
      <View className="office-row-head">
        <Text className="outbox-row-title">{record.title}</Text>
        <Tag className="zlbg-tag outbox-row-status" plain background={STATUS_COLORS[record.status]}>
          {OUTBOX_STATUS_LABELS[record.status]}
        </Tag>
      </View>
      <View className="outbox-lines">
        <Line label={S.recipient} className="outbox-row-recipient">
          {recipient}
        </Line>
        <Line label={S.channel} className="outbox-row-channel">
          {S.channels[record.channel] ?? record.channel}
        </Line>
        <Line label={S.kind} className="outbox-row-kind">
          {kind}
        </Line>
        <Line label={S.attempts} className="outbox-row-attempts">
          {String(record.attempts)}
        </Line>
        {record.nextAttemptAt ? (
          <Line label={S.nextAttempt} className="outbox-row-next">
            {formatDateTime(record.nextAttemptAt)}
          </Line>
        ) : null}
        {record.sentAt ? (
          <Line label={S.sentAt} className="outbox-row-sent">
            {formatDateTime(record.sentAt)}
          </Line>
        ) : null}
        {record.lastError ? (
          <Line label={S.lastError} className="outbox-row-error">
            {record.lastError}
          </Line>
        ) : null}
      </View>
      <View className="outbox-row-foot">
        <Text className="outbox-row-created">{`${S.createdAt} ${formatDateTime(record.createdAt)}`}</Text>
        {isRetryable(record.status) ? (
          <Button className="outbox-row-retry" size="small" type="primary" fill="outline" onClick={retry}>
            {S.retry}
          </Button>
        ) : null}
      </View>
      {error ? <Text className="outbox-row-retry-error">{error}</Text> : null}
    </View>
  )
}

function OutboxWorkbench() {
  return (
    <StatusListWorkbench<StatusFilter, OutboxFilter, OutboxRecordView>
      prefix="outbox"
      title={STRINGS.titles.outbox}
      total={(list) => (
        <Text className="office-total outbox-total">
          {list.status === 'ready' ? `${STRINGS.common.total(list.total)} · ` : ''}
          {S.timezone}
        </Text>
      )}
      filterPrefix="outbox-filter-status"
      filterLabel={S.status}
      choices={STATUS_CHOICES}
      initial=""
      toFilter={(status) => (status ? { status } : {})}
      fetchPage={fetchOutboxPage}
      strings={S}
    >
      {(record, onChange, confirm) => <OutboxRow key={record.id} record={record} onChange={onChange} confirm={confirm} />}
    </StatusListWorkbench>
  )
}

/** 发送记录 (office): every notice's delivery, failures with their error, and sending again. */
export default function OutboxPage() {
  return (
    <View className="page office">
      <StaffOnly>{() => <OutboxWorkbench />}</StaffOnly>
    </View>
  )
}
