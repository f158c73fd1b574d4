import { useState, type ReactNode } from 'react'
import { View } from '@tarojs/components'
import type { Page } from '@zlbg/shared'
import { useConfirm, type ConfirmOptions } from '../../../components/ConfirmDialog'
import type { PagedQueryState } from '../../../hooks/usePagedQuery'
import { ChoiceRow, type Choice } from './ChoiceRow'
import { OfficeHeader } from './OfficeHeader'
import { OfficeListBody } from './OfficeListBody'
import { useOfficeList, usePullDownReload } from './useOfficeList'

/**
 * A workbench list with one status filter (chips), pull-to-refresh and a confirm dialog for row actions.
 * Hooks: `.<prefix>` on the page, `.<prefix>-filters`, `.<filterPrefix>-<value || all>`, `.<prefix>-list`.
 */
export function StatusListWorkbench<V extends string, F, T extends { id: string }>({
  prefix,
  title,
  total,
  filterPrefix,
  filterLabel,
  choices,
  initial,
  toFilter,
  fetchPage,
  strings,
  children,
}: {
  prefix: string
  title: string
  /** The header's total line, given the list. */
  total: (list: PagedQueryState<T>) => ReactNode
  filterPrefix: string
  filterLabel: string
  choices: readonly Choice<V>[]
  initial: V
  toFilter: (value: V) => F
  fetchPage: (filter: F, page: number) => Promise<Page<T>>
  strings: { errorTitle: string; empty: string; emptyHint: string }
  children: (item: T, onChange: (item: T) => void, confirm: (options: ConfirmOptions) => void) => ReactNode
}) {
  const [value, setValue] = useState<V>(initial)
  const [dialog, confirm] = useConfirm()
  const [list] = useOfficeList(toFilter(value), fetchPage)
  usePullDownReload(list)

  return (
    <View className={prefix}>
      <OfficeHeader title={title}>{total(list)}</OfficeHeader>
      <View className={`office-filters ${prefix}-filters`}>
        <ChoiceRow prefix={filterPrefix} label={filterLabel} choices={choices} value={value} onChange={setValue} />
      </View>
      <OfficeListBody list={list} prefix={prefix} className={`${prefix}-list`} strings={strings} skeletonRows={4}>
        {(item) => children(item, list.replaceItem, confirm)}
      </OfficeListBody>
      {dialog}
    </View>
  )
}
