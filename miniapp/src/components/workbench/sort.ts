/** Pure (no Taro import): plain Jest tests it. */

export type SortValue = string | number | null | undefined
export type SortDirection = 'asc' | 'desc'
export interface SortState {
  key: string
  direction: SortDirection
}

const COLLATOR = new Intl.Collator('zh-CN', { numeric: true })

/** Numbers by value, text in Chinese order (numbers inside text by value); empty cells last either way. */
export function compareSortValues(a: SortValue, b: SortValue): number {
  const aEmpty = a === null || a === undefined || a === ''
  const bEmpty = b === null || b === undefined || b === ''
  if (aEmpty || bEmpty) return aEmpty === bEmpty ? 0 : aEmpty ? 1 : -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return COLLATOR.compare(String(a), String(b))
}

/** A sorted copy; ties keep the server's order, and empty values stay at the end in both directions. */
export function sortRows<T>(rows: readonly T[], value: (row: T) => SortValue, direction: SortDirection): T[] {
  const sign = direction === 'asc' ? 1 : -1
  return rows
    .map((row, index) => ({ row, index, value: value(row) }))
    .sort((x, y) => {
      const xEmpty = x.value === null || x.value === undefined || x.value === ''
      const yEmpty = y.value === null || y.value === undefined || y.value === ''
      if (xEmpty !== yEmpty) return xEmpty ? 1 : -1
      return sign * compareSortValues(x.value, y.value) || x.index - y.index
    })
    .map((entry) => entry.row)
}

/** The page numbers a pager shows: first, last, and two either side of the current; 0 marks a gap. */
export function pagerPages(current: number, count: number): number[] {
  const pages = new Set([1, count, current - 2, current - 1, current, current + 1, current + 2])
  const sorted = [...pages].filter((page) => page >= 1 && page <= count).sort((a, b) => a - b)
  const out: number[] = []
  for (const page of sorted) {
    const last = out[out.length - 1]
    if (last !== undefined && page - last > 1) out.push(page - last === 2 ? last + 1 : 0)
    out.push(page)
  }
  return out
}
