import { useState } from 'react'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { OBJECTION_STATES, OBJECTION_STATE_LABELS, formatDateTime } from '@zlbg/shared'
import { PagedListBody, SkeletonList } from '../../../components/PagedListBody'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { usePagedQuery } from '../../../hooks/usePagedQuery'
import { openPage, PAGES } from '../../../navigation'
import { ChoiceRow, type Choice } from '../components/ChoiceRow'
import { StaffOnly } from '../components/StaffOnly'
import '../components/office.css'
import { fetchObjectionPage, type ObjectionFilter, type OfficeObjectionRow } from './api'
import './objections.css'

const STATE_CHOICES: Choice<ObjectionFilter['state']>[] = [{ value: '', label: '全部' }, ...OBJECTION_STATES.map((s) => ({ value: s, label: OBJECTION_STATE_LABELS[s] }))]
const MODERATION_CHOICES: Choice<ObjectionFilter['moderation']>[] = [
  { value: '', label: '全部' },
  { value: 'pending', label: '内容待人工审核' },
]

function Queue({ callId }: { callId: string }) {
  const [filter, setFilter] = useState<ObjectionFilter>({ state: '', moderation: '', callId })
  const list = usePagedQuery<OfficeObjectionRow>((page) => fetchObjectionPage(filter, page), JSON.stringify(filter))
  useDidShow(() => void list.refresh())
  return (
    <View className="office-objections">
      {filter.callId ? (
        <View className="office-objection-badges office-objections-call">
          <Text className="office-objection-meta">仅显示一个征集的异议</Text>
          <Text className="office-objection-file office-objections-all-calls" onClick={() => setFilter({ ...filter, callId: '' })}>
            查看全部征集
          </Text>
        </View>
      ) : null}
      <ChoiceRow prefix="office-objections-state" label="状态" choices={STATE_CHOICES} value={filter.state} onChange={(state) => setFilter({ ...filter, state })} />
      <ChoiceRow prefix="office-objections-moderation" label="内容审核" choices={MODERATION_CHOICES} value={filter.moderation} onChange={(moderation) => setFilter({ ...filter, moderation })} />
      <PagedListBody
        list={list}
        prefix="office-objections"
        className="office-objections-list"
        strings={{ errorTitle: '异议加载失败', empty: '暂无异议', emptyHint: '公示期内收到的异议会列在这里（第十八条）' }}
        loading={<SkeletonList className="office-objections-loading" itemClassName="office-objection-row" rows={2} />}
        footer={{ className: 'office-objections-footer' }}
      >
        {(o) => (
          <View key={o.id} className="office-objection-row" data-receipt={o.receiptNumber} onClick={() => openPage(`${PAGES.officeObjection}?id=${o.id}`)}>
            <Text className="office-objection-title">{`${o.entry.organizationName}《${o.entry.title}》`}</Text>
            <Text className="office-objection-meta">{`${o.receiptNumber} · 异议人 ${o.objectorName} · ${formatDateTime(o.filedAt)}`}</Text>
            <View className="office-objection-badges">
              <Text className="office-objection-badge office-objection-row-state">{OBJECTION_STATE_LABELS[o.state]}</Text>
              {o.moderation === 'pending' ? <Text className="office-objection-badge office-objection-badge--warn">内容待人工审核</Text> : null}
            </View>
          </View>
        )}
      </PagedListBody>
    </View>
  )
}

/** 异议受理 (第十八条): every objection (or one call's, ?callId=…), newest first, filtered by state and moderation. */
export default function OfficeObjections() {
  const { params } = useRouter()
  return (
    <StaffOnly>
      {(me) => (
        <WorkbenchShell me={me} area="objections">
          <Queue callId={params.callId ?? ''} />
        </WorkbenchShell>
      )}
    </StaffOnly>
  )
}
