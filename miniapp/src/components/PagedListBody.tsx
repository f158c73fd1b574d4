import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { PagedQueryState } from '../hooks/usePagedQuery'
import { STRINGS } from '../strings'
import { Button, Skeleton } from '../ui/nutui'
import { EmptyState } from './EmptyState'

type ListView<T> = Pick<PagedQueryState<T>, 'status' | 'items' | 'error' | 'hasMore' | 'loadingMore' | 'reload' | 'loadMore'>

/** Grey placeholder blocks while the first page loads. */
export function SkeletonList({
  className,
  itemClassName,
  rows,
  count = 3,
}: {
  className: string
  itemClassName: string
  rows: number
  count?: number
}) {
  return (
    <View className={className}>
      {Array.from({ length: count }, (_, i) => (
        <View key={i} className={itemClassName}>
          <Skeleton rows={rows} size="small" animated />
        </View>
      ))}
    </View>
  )
}

export interface ListFooterProps {
  list: Pick<PagedQueryState<unknown>, 'hasMore' | 'loadingMore' | 'loadMore'>
  /** Hooks `.<prefix>-load-more` and `.<prefix>-end`. */
  prefix: string
  className: string
  /** Added to `.<prefix>-end`, for a style shared by several lists. */
  endClassName?: string
}

/** "加载更多" while pages remain, "没有更多了" after the last. */
export function ListFooter({ list, prefix, className, endClassName }: ListFooterProps) {
  return (
    <View className={className}>
      {list.hasMore ? (
        <Button
          className={`${prefix}-load-more`}
          fill="none"
          size="small"
          loading={list.loadingMore}
          disabled={list.loadingMore}
          onClick={() => void list.loadMore()}
        >
          {list.loadingMore ? STRINGS.common.loadingMore : STRINGS.common.loadMore}
        </Button>
      ) : (
        <Text className={endClassName ? `${prefix}-end ${endClassName}` : `${prefix}-end`}>{STRINGS.common.noMore}</Text>
      )}
    </View>
  )
}

export interface PagedListBodyProps<T> {
  list: ListView<T>
  /** Hooks `.<prefix>-error`, `-retry`, `-empty`, `-load-more`, `-end`. */
  prefix: string
  /** The list itself, once items are in. */
  className: string
  strings: { errorTitle: string; empty: string; emptyHint: string }
  loading: ReactNode
  footer: Omit<ListFooterProps, 'list' | 'prefix'>
  children: (item: T) => ReactNode
}

export interface ListStatesProps {
  list: Pick<PagedQueryState<unknown>, 'status' | 'items' | 'error' | 'reload'>
  /** Hooks `.<prefix>-error`, `-retry`, `-empty`. */
  prefix: string
  strings: { errorTitle: string; empty: string; emptyHint: string }
  loading: ReactNode
}

/** What a paged list shows before it has items: loading, failed (with retry) or empty; null once items are in. */
export function listStatesView({ list, prefix, strings, loading }: ListStatesProps): ReactNode | null {
  if (list.status === 'loading') return <>{loading}</>
  if (list.status === 'error') {
    return (
      <EmptyState
        kind="error"
        className={`${prefix}-error`}
        title={strings.errorTitle}
        description={list.error?.message ?? STRINGS.network.failed}
        action={{ text: STRINGS.common.retry, className: `${prefix}-retry`, onClick: () => void list.reload() }}
      />
    )
  }
  if (list.items.length === 0) {
    return <EmptyState kind="empty" className={`${prefix}-empty`} title={strings.empty} description={strings.emptyHint} />
  }
  return null
}

/** A paged list's states: loading, failed (with retry), empty, or the items and their footer. */
export function PagedListBody<T>({ list, prefix, className, strings, loading, footer, children }: PagedListBodyProps<T>) {
  const state = listStatesView({ list, prefix, strings, loading })
  if (state !== null) return state
  return (
    <View className={className}>
      {list.items.map(children)}
      <ListFooter list={list} prefix={prefix} {...footer} />
    </View>
  )
}
