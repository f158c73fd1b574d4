import { useMemo, useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { PagedQueryState } from '../../hooks/usePagedQuery'
import { Checkbox } from '../../ui/nutui-office'
import { Skeleton } from '../../ui/nutui'
import { listStatesView } from '../PagedListBody'
import { Pager } from './Pager'
import { sortRows, type SortState, type SortValue } from './sort'
import { WORKBENCH_STRINGS } from './strings'
import './workbench.css'

const S = WORKBENCH_STRINGS.table

export interface Column<T> {
  key: string
  title: string
  /** A CSS grid track for the column: '2fr', '9em', 'minmax(12em, 2fr)'. Default '1fr'. */
  width?: string
  render: (row: T) => ReactNode
  /** Given, the header sorts the page by this value. */
  sortValue?: (row: T) => SortValue
  /** Buttons or fields: clicking the cell does not open the row. */
  interactive?: boolean
  align?: 'start' | 'end'
}

/** Row selection for batch actions; only rows `isSelectable` gets a box. */
export interface TableSelection<T> {
  isSelectable: (row: T) => boolean
  isSelected: (row: T) => boolean
  onToggle: (row: T, on: boolean) => void
  /** The header's box: every selectable row of the page on, or off. */
  onTogglePage: (rows: T[], on: boolean) => void
}

export interface DataTableProps<T extends { id: string }> {
  /** Hooks `.<prefix>-table`, `-table-row`, `-col-<key>`, and the list states `-loading`, `-error`, `-empty`. */
  prefix: string
  columns: readonly Column<T>[]
  list: PagedQueryState<T>
  strings: { errorTitle: string; empty: string; emptyHint: string }
  selection?: TableSelection<T>
  onOpen?: (row: T) => void
  rowClassName?: (row: T) => string
  /** Shown under a row, across all columns (a form the row opened, an error). */
  below?: (row: T) => ReactNode
}

/**
 * A workbench queue at desktop width: dense rows, sortable headers, a selection column and a pager
 * (the list is in `pages` mode). The server pages in its own order; the headers sort the page shown.
 */
export function DataTable<T extends { id: string }>({
  prefix,
  columns,
  list,
  strings,
  selection,
  onOpen,
  rowClassName,
  below,
}: DataTableProps<T>) {
  const [sort, setSort] = useState<SortState | null>(null)
  const rows = useMemo(() => {
    const column = sort ? columns.find((c) => c.key === sort.key) : undefined
    return column?.sortValue ? sortRows(list.items, column.sortValue, sort!.direction) : list.items
  }, [list.items, sort, columns])

  const state = listStatesView({ list, prefix, strings, loading: <TableSkeleton prefix={prefix} /> })
  if (state !== null) return <>{state}</>

  // Every row is a grid of the same tracks, so a row keeps a box of its own (hover, selection).
  const grid = { gridTemplateColumns: [selection ? '2.5em' : null, ...columns.map((c) => c.width ?? '1fr')].filter(Boolean).join(' ') }
  const selectable = selection ? rows.filter(selection.isSelectable) : []
  const pageSelected = selectable.length > 0 && selectable.every(selection!.isSelected)

  const toggleSort = (key: string) =>
    setSort((current) =>
      current?.key !== key ? { key, direction: 'asc' } : current.direction === 'asc' ? { key, direction: 'desc' } : null,
    )

  return (
    <View className={`data-table ${prefix}-table${list.loadingMore ? ' data-table--busy' : ''}`}>
      <View className="data-table-grid">
        <View className="data-table-row data-table-head" style={grid}>
          {selection ? (
            <View className="data-table-cell data-table-select">
              {selectable.length > 0 ? (
                <Checkbox
                  className={`data-table-select-page ${prefix}-select-page`}
                  checked={pageSelected}
                  onChange={(on) => selection.onTogglePage(selectable, on)}
                />
              ) : null}
            </View>
          ) : null}
          {columns.map((column) => {
            const sorted = sort?.key === column.key ? sort.direction : null
            return (
              <View
                key={column.key}
                className={`data-table-cell data-table-th ${prefix}-th-${column.key}${column.sortValue ? ' data-table-th--sortable' : ''}${
                  sorted ? ` data-table-th--${sorted}` : ''
                }${column.align === 'end' ? ' data-table-cell--end' : ''}`}
                onClick={column.sortValue ? () => toggleSort(column.key) : undefined}
              >
                <Text className="data-table-th-title">{column.title}</Text>
                {column.sortValue ? <Text className="data-table-sort">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</Text> : null}
              </View>
            )
          })}
        </View>
        {rows.map((row) => {
          const selected = selection?.isSelected(row) ?? false
          return (
            <View key={row.id} className="data-table-rowgroup">
              <View
                className={`data-table-row data-table-body-row ${prefix}-table-row${selected ? ' data-table-row--selected' : ''}${
                  onOpen ? ' data-table-row--link' : ''
                }${rowClassName ? ` ${rowClassName(row)}` : ''}`}
                style={grid}
              >
                {selection ? (
                  <View className="data-table-cell data-table-select">
                    {selection.isSelectable(row) ? (
                      <Checkbox
                        className={`data-table-select-row ${prefix}-table-select`}
                        checked={selected}
                        onChange={(on) => selection.onToggle(row, on)}
                      />
                    ) : null}
                  </View>
                ) : null}
                {columns.map((column) => (
                  <View
                    key={column.key}
                    className={`data-table-cell ${prefix}-col-${column.key}${column.align === 'end' ? ' data-table-cell--end' : ''}`}
                    onClick={onOpen && !column.interactive ? () => onOpen(row) : undefined}
                  >
                    {column.render(row)}
                  </View>
                ))}
              </View>
              {below ? <BelowRow>{below(row)}</BelowRow> : null}
            </View>
          )
        })}
      </View>
      <Pager prefix={prefix} list={list} sortNote={sort ? S.sortedPage : undefined} />
    </View>
  )
}

function BelowRow({ children }: { children: ReactNode }) {
  if (children === null || children === undefined || children === false) return null
  return <View className="data-table-below">{children}</View>
}

function TableSkeleton({ prefix }: { prefix: string }) {
  return (
    <View className={`data-table data-table--loading ${prefix}-loading`}>
      <Skeleton rows={6} size="small" animated />
    </View>
  )
}


