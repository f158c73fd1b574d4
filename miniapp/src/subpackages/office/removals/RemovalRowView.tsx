import { Text, View } from '@tarojs/components'
import { formatDateTime } from '@zlbg/shared'
import { openPage } from '../../../navigation'
import type { RemovalRow } from './api'
import '../../../components/removals/removals.css'

/** One removal in a list (the office's, the approver's): the entry, the ground, the state; `actionable` marks a step waiting for the reader. */
export function RemovalRowView({ r, url }: { r: RemovalRow; url: string }) {
  return (
    <View className="removal-row" data-removal-id={r.id} onClick={() => openPage(`${url}?id=${r.id}`)}>
      <Text className="removal-title">{`${r.experience.organizationName}《${r.experience.title}》`}</Text>
      <Text className="removal-meta">{`${r.experience.year}年名单 · ${r.reasonLabel} · 提出于 ${formatDateTime(r.proposedAt)}`}</Text>
      <View className="removal-badges">
        <Text className="removal-badge removal-row-state">{r.stateLabel}</Text>
        {r.actionable ? <Text className="removal-badge removal-badge--warn removal-row-actionable">待处理</Text> : null}
      </View>
    </View>
  )
}
