import { z } from 'zod'

export const MAX_PAGE_SIZE = 50

export const PageQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1).meta({ description: '页码，从 1 开始' }),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(10)
    .meta({ description: `每页条数，最多 ${MAX_PAGE_SIZE}` }),
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
