import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import {
  MESSAGE_TEMPLATE_LABELS,
  OUTBOX_STATUSES,
  OUTBOX_STATUS_LABELS,
  RETRYABLE_OUTBOX_STATUSES,
  formatDateTime,
  type Me,
  type OutboxRecordView,
  type OutboxStatus,
} from '@zlbg/shared'
import { fetchOutboxPage, retryOutbox, type OutboxFilter } from '../../../api/outbox'
import { toApiError } from '../../../api/errors'
import type { ConfirmOptions } from '../../../components/ConfirmDialog'
import type { Column } from '../../../components/workbench/DataTable'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { STRINGS } from '../../../strings'
import { THEME } from '../../../theme'
import { Button, Tag } from '../../../ui/nutui'
import { type Choice } from '../components/ChoiceRow'
import { StaffOnly } from '../components/StaffOnly'
import { StatusListWorkbench } from '../components/StatusListWorkbench'
import '../components/office.css'
import './outbox.css'
import { OFFICE_STRINGS } from '../strings'

const S = OFFICE_STRINGS.outbox

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

type Actions = [onChange: (record: OutboxRecordView) => void, confirm: (options: ConfirmOptions) => void]

function recipientOf(record: OutboxRecordView): string {
  return record.recipientName ?? S.unknownRecipient
}

function kindOf(record: OutboxRecordView): string {
  return record.template ? `${MESSAGE_TEMPLATE_LABELS[record.template]} · ${record.kind}` : record.kind
}

function StatusTag({ record }: { record: OutboxRecordView }) {
  return (
    <Tag className="zlbg-tag outbox-row-status" plain background={STATUS_COLORS[record.status]}>
      {OUTBOX_STATUS_LABELS[record.status]}
    </Tag>
  )
}

/** 重新发送 for a failed or dead record, and why it could not be (a 409 says what changed meanwhile). */
function RetryAction({ record, onChange, confirm }: { record: OutboxRecordView; onChange: Actions[0]; confirm: Actions[1] }) {
  const [error, setError] = useState<string | null>(null)
  if (!isRetryable(record.status) && !error) return null
  const retry = () =>
    confirm({
      title: S.retryTitle,
      content: S.retryContent(record.title, recipientOf(record)),
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
    <View className="outbox-retry">
      {isRetryable(record.status) ? (
        <Button className="outbox-row-retry" size="small" type="primary" fill="outline" onClick={retry}>
          {S.retry}
        </Button>
      ) : null}
      {error ? <Text className="outbox-row-retry-error">{error}</Text> : null}
    </View>
  )
}

/** The records at desktop width. */
function columns(onChange: Actions[0], confirm: Actions[1]): Column<OutboxRecordView>[] {
  return [
    {
      key: 'title',
      title: S.columns.title,
      width: 'minmax(12em, 2fr)',
      sortValue: (record) => record.title,
      render: (record) => (
        <>
          <Text className="outbox-row-title">{record.title}</Text>
          <Text className="data-table-sub outbox-row-kind">{kindOf(record)}</Text>
        </>
      ),
    },
    {
      key: 'recipient',
      title: S.recipient,
      width: 'minmax(7em, 1fr)',
      sortValue: recipientOf,
      render: (record) => <Text className="outbox-row-recipient">{recipientOf(record)}</Text>,
    },
    {
      key: 'channel',
      title: S.channel,
      width: '8em',
      sortValue: (record) => S.channels[record.channel] ?? record.channel,
      render: (record) => <Text className="outbox-row-channel">{S.channels[record.channel] ?? record.channel}</Text>,
    },
    {
      key: 'status',
      title: S.status,
      width: '7em',
      sortValue: (record) => OUTBOX_STATUSES.indexOf(record.status),
      render: (record) => <StatusTag record={record} />,
    },
    {
      key: 'attempts',
      title: S.attempts,
      width: '5em',
      align: 'end',
      sortValue: (record) => record.attempts,
      render: (record) => <Text className="outbox-row-attempts">{String(record.attempts)}</Text>,
    },
    {
      key: 'times',
      title: S.createdAt,
      width: '11em',
      sortValue: (record) => record.createdAt,
      render: (record) => (
        <>
          <Text className="outbox-row-created">{formatDateTime(record.createdAt)}</Text>
          {record.sentAt ? <Text className="data-table-sub outbox-row-sent">{`${S.sentAt} ${formatDateTime(record.sentAt)}`}</Text> : null}
          {record.nextAttemptAt ? (
            <Text className="data-table-sub outbox-row-next">{`${S.nextAttempt} ${formatDateTime(record.nextAttemptAt)}`}</Text>
          ) : null}
        </>
      ),
    },
    {
      key: 'error',
      title: S.lastError,
      width: 'minmax(10em, 2fr)',
      render: (record) => (record.lastError ? <Text className="data-table-sub outbox-row-error">{record.lastError}</Text> : null),
    },
    {
      key: 'actions',
      title: '',
      width: '8em',
      align: 'end',
      interactive: true,
      render: (record) => <RetryAction record={record} onChange={onChange} confirm={confirm} />,
    },
  ]
}

function OutboxRow({ record, onChange, confirm }: { record: OutboxRecordView; onChange: Actions[0]; confirm: Actions[1] }) {
  return (
    <View className={`office-row outbox-row outbox-row--${record.status}`}>
      <View className="office-row-head">
        <Text className="outbox-row-title">{record.title}</Text>
        <StatusTag record={record} />
      </View>
      <View className="outbox-lines">
        <Line label={S.recipient} className="outbox-row-recipient">
          {recipientOf(record)}
        </Line>
        <Line label={S.channel} className="outbox-row-channel">
          {S.channels[record.channel] ?? record.channel}
        </Line>
        <Line label={S.kind} className="outbox-row-kind">
          {kindOf(record)}
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
        <RetryAction record={record} onChange={onChange} confirm={confirm} />
      </View>
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
      columns={columns}
      rowClassName={(record) => `outbox-row--${record.status}`}
    >
      {(record, onChange, confirm) => <OutboxRow key={record.id} record={record} onChange={onChange} confirm={confirm} />}
    </StatusListWorkbench>
  )
}

/** 发送记录 (office): every notice's delivery, failures with their error, and sending again. */
export default function OutboxPage() {
  return (
    <View className="page office">
      <StaffOnly>
        {(me: Me) => (
          <WorkbenchShell me={me} area="outbox">
            <OutboxWorkbench />
          </WorkbenchShell>
        )}
      </StaffOnly>
    </View>
  )
}
