import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Me } from '@zlbg/shared'
import { fetchOfficePublicityPage, type OfficePublicityRow } from '../../../api/officePublicity'
import { ArticleActions } from '../../../components/articles/ArticleActions'
import { PagedListBody, SkeletonList } from '../../../components/PagedListBody'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { usePagedQuery } from '../../../hooks/usePagedQuery'
import { openPage, PAGES } from '../../../navigation'
import { THEME } from '../../../theme'
import { Button, Tag } from '../../../ui/nutui'
import { OfficeHeader } from '../components/OfficeHeader'
import { StaffOnly } from '../components/StaffOnly'
import { usePullDownReload } from '../components/useOfficeList'
import { PUBLICITY_STRINGS as S } from './strings'
import '../components/office.css'
import './publicity.css'

type Row = OfficePublicityRow & { id: string }
const fetchRows = async (page: number) => {
  const found = await fetchOfficePublicityPage(page)
  return { ...found, items: found.items.map((r) => ({ ...r, id: r.callId })) }
}

function PublicityRow({ row }: { row: Row }) {
  const list = row.publicity
  return (
    <View className="office-publicity-row">
      <Text className="office-publicity-call">{row.callTitle}</Text>
      {list ? (
        <View className="office-publicity-status">
          <Tag className="zlbg-tag office-publicity-state" {...(list.state === 'open' ? { type: 'primary' as const } : { background: THEME.mutedBackground, color: THEME.textTertiary })}>
            {list.stateLabel}
          </Tag>
          <Text className="office-publicity-window">{list.window.display}</Text>
          <Text className="office-publicity-counts">{S.counts(list.counts)}</Text>
        </View>
      ) : (
        <Text className="office-publicity-none">{S.noList}</Text>
      )}
      <View className="office-publicity-actions">
        {row.recommendedCount > 0 ? <Text className="office-publicity-recommended">{S.recommended(row.recommendedCount)}</Text> : null}
        {list ? (
          <Button className="office-publicity-view" size="small" fill="outline" onClick={() => openPage(`${PAGES.publicityDetail}?id=${encodeURIComponent(list.id)}`)}>
            {S.view}
          </Button>
        ) : (
          <Button className="office-publicity-start" size="small" type="primary" onClick={() => openPage(`${PAGES.officePublicityStart}?callId=${encodeURIComponent(row.callId)}`)}>
            {S.start}
          </Button>
        )}
      </View>
      {/* 第十八条: the list also goes out through the official account. */}
      {list ? <ArticleActions kind="publicity" sourceId={list.id} /> : null}
    </View>
  )
}

function PublicityWorkbench() {
  const list = usePagedQuery<Row>(fetchRows, '')
  usePullDownReload(list)
  // Back from publishing: the row shows its list.
  useDidShow(() => {
    if (list.status === 'ready') void list.refresh()
  })
  return (
    <View className="office-publicity">
      <OfficeHeader title={S.title}>
        <Text className="office-total office-publicity-intro">{S.intro}</Text>
      </OfficeHeader>
      <PagedListBody
        list={list}
        prefix="office-publicity-list"
        className="office-publicity-list"
        strings={S}
        loading={<SkeletonList className="office-publicity-loading" itemClassName="office-publicity-row" rows={3} />}
        footer={{ className: 'office-publicity-footer' }}
      >
        {(row) => <PublicityRow key={row.id} row={row} />}
      </PagedListBody>
    </View>
  )
}

/** 公示管理 (第十八条): calls with recommended applications, publishing each list, and each list's status. */
export default function OfficePublicityPage() {
  return (
    <View className="page office">
      <StaffOnly>
        {(me: Me) => (
          <WorkbenchShell me={me} area="publicity">
            <PublicityWorkbench />
          </WorkbenchShell>
        )}
      </StaffOnly>
    </View>
  )
}
