import { Text, View } from '@tarojs/components'
import { STRINGS } from '../../../strings'
import { Button } from '../../../ui/nutui'
import type { PagedQueryState } from '../../../hooks/usePagedQuery'

/** "加载更多" while pages remain, "没有更多了" after the last; hooks `.<prefix>-load-more`, `.<prefix>-end`. */
export function ListFooter({
  list,
  prefix,
}: {
  list: Pick<PagedQueryState<unknown>, 'hasMore' | 'loadingMore' | 'loadMore'>
  prefix: string
}) {
  return (
    <View className="office-list-footer">
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
        <Text className={`${prefix}-end office-list-end`}>{STRINGS.common.noMore}</Text>
      )}
    </View>
  )
}
