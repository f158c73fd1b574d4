import { useRef } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatDateTime, type Me } from '@zlbg/shared'
import type { ApplicationSummary } from '../../../api/applications'
import { PagedListBody, SkeletonList } from '../../../components/PagedListBody'
import { SignInPrompt } from '../../../components/SignInPrompt'
import { useMe } from '../../../hooks/useMe'
import { useMyApplications } from '../../../hooks/useMyApplications'
import { openPage, PAGES } from '../../../navigation'
import { Skeleton } from '../../../ui/nutui'
import { StageTag } from '../StageTag'
import { ORG_STRINGS } from '../strings'
import '../org.css'

const S = ORG_STRINGS.list

function ApplicationRow({ item }: { item: ApplicationSummary }) {
  // Drafts open the form; anything sent opens its stage and dates.
  const target = item.state === 'draft' ? PAGES.orgApplicationEdit : PAGES.orgApplicationDetail
  return (
    <View className={`app-row my-application-row my-application-row--${item.state}`} onClick={() => openPage(`${target}?id=${encodeURIComponent(item.id)}`)}>
      <View className="app-row-head">
        <Text className="app-row-title my-application-row-title">{item.title || S.untitled}</Text>
        <StageTag className="my-application-row-stage" state={item.state} label={item.stageLabel} />
      </View>
      <Text className="app-row-call my-application-row-call">{item.callTitle}</Text>
      <Text className="app-row-meta my-application-row-org">{item.organizationName}</Text>
      {item.receiptNumber ? <Text className="app-row-meta my-application-row-receipt">{S.receipt(item.receiptNumber)}</Text> : null}
      <Text className="app-row-meta">
        {item.submittedAt ? S.submittedAt(formatDateTime(item.submittedAt)) : `${S.updatedAt(formatDateTime(item.updatedAt))} · ${S.closesAt(formatDateTime(item.closesAt))}`}
      </Text>
    </View>
  )
}

function ApplicationList({ me, organizationId }: { me: Me; organizationId: string | undefined }) {
  const list = useMyApplications(organizationId, me.id)
  const shown = useRef(false)
  // Back from the form or the detail page: stages and titles may have changed.
  useDidShow(() => {
    if (shown.current) void list.refresh()
    shown.current = true
  })
  usePullDownRefresh(() => {
    void list.refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())
  return (
    <PagedListBody
      list={list}
      prefix="applications"
      className="apps-list my-application-list"
      strings={{ errorTitle: S.errorTitle, empty: S.empty, emptyHint: S.emptyHint }}
      loading={<SkeletonList className="applications-loading" itemClassName="app-row" rows={3} />}
      footer={{ className: 'apps-footer', endClassName: 'apps-end' }}
    >
      {(item) => <ApplicationRow key={item.id} item={item} />}
    </PagedListBody>
  )
}

/** 我的申报: subpackages/org/applications/index (?organizationId=… for one organization). */
export default function MyApplicationsPage() {
  const { params } = useRouter()
  const { status, me, endedMessage } = useMe()
  let body
  if (status === 'signedOut') body = <SignInPrompt reason={endedMessage} />
  else if (!me) {
    body = (
      <View className="org-card applications-loading">
        <Skeleton rows={3} size="small" animated />
      </View>
    )
  } else body = <ApplicationList me={me} organizationId={params.organizationId} />
  return <View className="page org applications">{body}</View>
}
