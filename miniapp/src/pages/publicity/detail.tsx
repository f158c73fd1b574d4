import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { LoadStates } from '../../components/LoadStates'
import { PublicityCard } from '../../components/PublicityCard'
import { useNow } from '../../hooks/useNow'
import { usePublicity } from '../../hooks/usePublicity'
import { STRINGS } from '../../strings'
import './index.css'

/** 一份公示名单: pages/publicity/detail?id=… (the address the feeds link to). */
export default function PublicityDetailPage() {
  const { params } = useRouter()
  const { status, data: list, error, reload } = usePublicity(params.id)
  const now = useNow()
  if (status !== 'ready' || !list) {
    return (
      <View className="page">
        <LoadStates
          status={status}
          error={error}
          onRetry={reload}
          loading={{ className: 'publicity-detail-loading', rows: [2, 6], boxClassName: 'publicity-card-skeleton' }}
          classes={{ notFound: 'publicity-detail-not-found', back: 'publicity-detail-back', error: 'publicity-detail-error', retry: 'publicity-detail-retry' }}
          strings={STRINGS.publicity}
        />
      </View>
    )
  }
  return (
    <View className="page publicity-detail">
      <PublicityCard list={list} now={now} />
    </View>
  )
}
