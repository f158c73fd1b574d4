import { useState, type ReactNode } from 'react'
import { View } from '@tarojs/components'
import type { Page } from '@zlbg/shared'
import { useConfirm, type ConfirmOptions } from '../../../components/ConfirmDialog'
import { DataTable, type Column } from '../../../components/workbench/DataTable'
import { useDesktop } from '../../../hooks/useDesktop'
import type { PagedQueryState } from '../../../hooks/usePagedQuery'
import { ChoiceRow, type Choice } from './ChoiceRow'
import { OfficeHeader } from './OfficeHeader'
import { OfficeListBody } from './OfficeListBody'
import { useOfficeList, usePullDownReload } from './useOfficeList'

type RowActions<T> = [onChange: (item: T) => void, confirm: (options: ConfirmOptions) => void]

/**
 * A workbench list with one status filter (chips), pull-to-refresh and a confirm dialog for row actions:
 * cards on a phone, a DataTable of `columns` at desktop width.
 * Hooks: `.<prefix>` on the page, `.<prefix>-filters`, `.<filterPrefix>-<value || all>`, `.<prefix>-list`
 * (cards) or `.<prefix>-table` (table).
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
  columns,
  rowClassName,
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
  /** The desktop table's columns; cells with row actions get the same helpers as the cards. */
  columns: (...actions: RowActions<T>) => Column<T>[]
  rowClassName?: (item: T) => string
  children: (item: T, ...actions: RowActions<T>) => ReactNode
}) {
  const desktop = useDesktop()
  const [value, setValue] = useState<V>(initial)
  const [dialog, confirm] = useConfirm()
  const [list] = useOfficeList(toFilter(value), fetchPage, desktop)
  usePullDownReload(list)

  return (
    <View className={prefix}>
      <OfficeHeader title={title}>{total(list)}</OfficeHeader>
      <View className={`office-filters ${prefix}-filters`}>
        <ChoiceRow prefix={filterPrefix} label={filterLabel} choices={choices} value={value} onChange={setValue} />
      </View>
      {desktop ? (
        <DataTable prefix={prefix} columns={columns(list.replaceItem, confirm)} list={list} strings={strings} rowClassName={rowClassName} />
      ) : (
        <OfficeListBody list={list} prefix={prefix} className={`${prefix}-list`} strings={strings} skeletonRows={4}>
          {(item) => children(item, list.replaceItem, confirm)}
        </OfficeListBody>
      )}
      {dialog}
    </View>
  )
}
