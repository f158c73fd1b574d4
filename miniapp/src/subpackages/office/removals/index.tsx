import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { REMOVAL_STATES, REMOVAL_STATE_LABELS, type RemovalState } from '@zlbg/shared'
import { PagedListBody, SkeletonList } from '../../../components/PagedListBody'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { usePagedQuery } from '../../../hooks/usePagedQuery'
import { openPage, PAGES } from '../../../navigation'
import { Button } from '../../../ui/nutui'
import { ChoiceRow, type Choice } from '../components/ChoiceRow'
import { StaffOnly } from '../components/StaffOnly'
import '../components/office.css'
import { fetchRemovalPage, type RemovalRow } from './api'
import { RemovalRowView } from './RemovalRowView'

const STATE_CHOICES: Choice<RemovalState | ''>[] = [{ value: '', label: '全部' }, ...REMOVAL_STATES.map((s) => ({ value: s, label: REMOVAL_STATE_LABELS[s] }))]

function Removals() {
  const [state, setState] = useState<RemovalState | ''>('')
  const list = usePagedQuery<RemovalRow>((page) => fetchRemovalPage(state, page), state)
  useDidShow(() => void list.refresh())
  return (
    <View className="removal-page office-removals">
      <Button className="office-removals-start" type="primary" onClick={() => openPage(PAGES.officeRemovalStart)}>
        启动移除
      </Button>
      <ChoiceRow prefix="office-removals-state" label="状态" choices={STATE_CHOICES} value={state} onChange={setState} />
      <PagedListBody
        list={list}
        prefix="office-removals"
        className="office-removals-list"
        strings={{ errorTitle: '移除记录加载失败', empty: '暂无移除记录', emptyHint: '对申报材料弄虚作假或三年内发生重大责任事故的，可从名单移除并发布公告（第二十一条）' }}
        loading={<SkeletonList className="office-removals-loading" itemClassName="removal-row" rows={2} />}
        footer={{ className: 'removal-list-footer office-removals-footer', endClassName: 'removal-list-end' }}
      >
        {(r) => <RemovalRowView key={r.id} r={r} url={PAGES.officeRemoval} />}
      </PagedListBody>
    </View>
  )
}

/** 移除管理 (第二十一条): every removal, newest first, by state; starting one. */
export default function OfficeRemovals() {
  return (
    <StaffOnly>
      {(me) => (
        <WorkbenchShell me={me} area="removals">
          <Removals />
        </WorkbenchShell>
      )}
    </StaffOnly>
  )
}
