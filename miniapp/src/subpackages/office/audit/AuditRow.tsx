import { Text, View } from '@tarojs/components'
import {
  AUDIT_ACTION_LABELS,
  AUDIT_RESOURCE_LABELS,
  ROLE_LABELS,
  formatDateTime,
  type AuditRecordView,
  type Role,
} from '@zlbg/shared'
import { STRINGS } from '../../../strings'
import { OFFICE_STRINGS } from '../strings'

const S = OFFICE_STRINGS.audit

export function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action
}

/** `from`/`to` hold a state (active/disabled), a role list (office,expert) or an id. */
export function stateLabel(value: string | undefined): string {
  if (value === undefined || value === '') return S.none
  if (S.states[value]) return S.states[value]
  const parts = value.split(',')
  if (parts.every((part) => part in ROLE_LABELS)) return parts.map((part) => ROLE_LABELS[part as Role]).join('、')
  return value
}

export function actorText(actor: AuditRecordView['actor']): string {
  const name = actor.displayName ?? (actor.userId ? S.unknownActor : S.system)
  const roles = actor.roles
    .filter((role) => role !== 'public')
    .map((role) => ROLE_LABELS[role as Role] ?? role)
    .join('、')
  return roles ? `${name}（${roles}）` : name
}

function Line({ label, className, children }: { label: string; className: string; children: string }) {
  return (
    <View className="audit-line">
      <Text className="audit-line-label">{label}</Text>
      <Text className={`audit-line-value ${className}`} userSelect>
        {children}
      </Text>
    </View>
  )
}

export function resourceText(record: AuditRecordView): string {
  const resourceType = AUDIT_RESOURCE_LABELS[record.resource.type] ?? record.resource.type
  return record.resource.id ? `${resourceType} ${record.resource.id}` : resourceType
}

export function isChange(record: AuditRecordView): boolean {
  return record.from !== undefined || record.to !== undefined
}

/** 只看此人: filters the log by the record's actor. */
export function ByActorLink({ record, onActor }: { record: AuditRecordView; onActor?: (userId: string) => void }) {
  const userId = record.actor.userId
  if (!userId || !onActor) return null
  return (
    <Text className="audit-row-by-actor" onClick={() => onActor(userId)}>
      {S.byActor}
    </Text>
  )
}

/** One audit record: when (Shanghai), who, what, on which object, from → to, why. */
export function AuditRow({ record, onActor }: { record: AuditRecordView; onActor?: (userId: string) => void }) {
  const resource = resourceText(record)
  const changed = isChange(record)
  return (
    <View className={`office-row audit-row audit-row--${record.action.replace(/\./g, '-')}`}>
      <View className="office-row-head">
        <Text className="audit-row-action">{actionLabel(record.action)}</Text>
        <Text className="audit-row-time">{formatDateTime(record.at)}</Text>
      </View>
      <Text className="audit-row-code">{record.action}</Text>
      <View className="audit-row-lines">
        <View className="audit-line">
          <Text className="audit-line-label">{S.actorHeading}</Text>
          <Text className="audit-line-value audit-row-actor">{actorText(record.actor)}</Text>
          <ByActorLink record={record} onActor={onActor} />
        </View>
        <Line label={S.resourceLabel} className="audit-row-resource">
          {resource}
        </Line>
        {changed ? (
          <Line label={S.changeLabel} className="audit-row-change">
            {S.change(stateLabel(record.from), stateLabel(record.to))}
          </Line>
        ) : null}
        {record.reason ? (
          <Line label={S.reason} className="audit-row-reason">
            {record.reason}
          </Line>
        ) : null}
      </View>
    </View>
  )
}
