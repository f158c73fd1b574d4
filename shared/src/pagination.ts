import { z } from 'zod'

export const MAX_PAGE_SIZE = 50

/**
 * A whole number from a query string in decimal digits only: `Number()` alone would read `0x10` as 16,
 * `1e1` as 10 and ` 2 ` as 2 (issue 12, item 5). The mini-program passes numbers, a browser strings.
 */
export const decimalInteger = (min: number, max: number) =>
  z
    .union([z.int().min(min).max(max), z.string().regex(/^[0-9]{1,9}$/, '请填写十进制整数')])
    .pipe(z.coerce.number<string | number>().int().min(min, `不能小于 ${min}`).max(max, `不能大于 ${max}`))

export const PageQuerySchema = z.strictObject({
  page: decimalInteger(1, 10_000).default(1).meta({ description: '页码，从 1 开始' }),
  pageSize: decimalInteger(1, MAX_PAGE_SIZE).default(10).meta({ description: `每页条数，最多 ${MAX_PAGE_SIZE}` }),
})
export type PageQuery = z.infer<typeof PageQuerySchema>

export function pageOf<T extends z.ZodType>(item: T) {
  return z.strictObject({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
}

export interface Page<T> {
  items: T[]
  page: number
  pageSize: number
  total: number
}

export function hasMorePages(page: Pick<Page<unknown>, 'page' | 'pageSize' | 'total'>): boolean {
  return page.page * page.pageSize < page.total
}
