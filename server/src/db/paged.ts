import type mongoose from 'mongoose'
import type { Page, PageQuery } from '@zlbg/shared'

/**
 * One page of a list and the total it is a page of, as every list route answers (shared/src/pagination.ts).
 * The sort must end in a unique field (`_id`), or a row could show on two pages or on none.
 */
export async function findPage<T>(
  model: mongoose.Model<any>,
  filter: mongoose.FilterQuery<any>,
  { page, pageSize }: PageQuery,
  { sort, projection }: { sort: Record<string, 1 | -1>; projection?: mongoose.ProjectionType<any> },
): Promise<Page<T>> {
  const [items, total] = await Promise.all([
    model
      .find(filter, projection)
      .sort(sort)
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .lean<T[]>(),
    model.countDocuments(filter),
  ])
  return { items, page, pageSize, total }
}

/** The same page with its items presented. */
export async function mapPage<T, R>(found: Page<T>, present: (items: T[]) => R[] | Promise<R[]>): Promise<Page<R>> {
  return { ...found, items: await present(found.items) }
}
