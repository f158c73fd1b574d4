import { Text, View } from '@tarojs/components'
import type { PagedQueryState } from '../../hooks/usePagedQuery'
import { pagerPages } from './sort'
import { WORKBENCH_STRINGS } from './strings'

const S = WORKBENCH_STRINGS.table

/** 共 N 条 · 第 p / P 页, and the pages around the current one. Hooks `.<prefix>-pager`, `.data-table-page-<n>`. */
export function Pager({
  prefix,
  list,
  sortNote,
}: {
  prefix: string
  list: Pick<PagedQueryState<unknown>, 'page' | 'pageSize' | 'total' | 'loadingMore' | 'goToPage'>
  sortNote?: string
}) {
  const count = Math.max(1, Math.ceil(list.total / Math.max(1, list.pageSize)))
  const go = (page: number) => {
    if (page >= 1 && page <= count && page !== list.page && !list.loadingMore) void list.goToPage(page)
  }
  return (
    <View className={`data-table-pager ${prefix}-pager`}>
      <Text className="data-table-pager-summary">
        {S.summary(list.total, list.page, count)}
        {sortNote ? ` · ${sortNote}` : ''}
      </Text>
      {count > 1 ? (
        <View className="data-table-pager-pages">
          <Text
            className={`data-table-page data-table-prev${list.page <= 1 ? ' data-table-page--disabled' : ''}`}
            onClick={() => go(list.page - 1)}
          >
            {S.previous}
          </Text>
          {pagerPages(list.page, count).map((page, index) =>
            page === 0 ? (
              <Text key={`gap-${index}`} className="data-table-page-gap">
                …
              </Text>
            ) : (
              <Text
                key={page}
                className={`data-table-page data-table-page-${page}${page === list.page ? ' data-table-page--current' : ''}`}
                onClick={() => go(page)}
              >
                {String(page)}
              </Text>
            ),
          )}
          <Text
            className={`data-table-page data-table-next${list.page >= count ? ' data-table-page--disabled' : ''}`}
            onClick={() => go(list.page + 1)}
          >
            {S.next}
          </Text>
        </View>
      ) : null}
    </View>
  )
}
