import type { ObjectionFileInput, ResponseOf } from '@zlbg/shared'
import { callApi } from '../../api/client'

/** The objector's side of 第十八条; only this subpackage loads it. */
export type ObjectionTarget = ResponseOf<'getObjectionTarget'>
export type MyObjection = ResponseOf<'getMyObjection'>
export type MyObjectionRow = ResponseOf<'listMyObjections'>['items'][number]

/** `publicityId:entryId` */
export const fetchTarget = (key: string) => {
  const [publicityId, entryId] = key.split(':') as [string, string]
  return callApi('getObjectionTarget', { query: { publicityId, entryId }, toast: false })
}
export const fileObjection = (body: ObjectionFileInput) => callApi('fileObjection', { body: body as never, toast: false })
export const fetchMyObjections = (page: number) => callApi('listMyObjections', { query: { page, pageSize: 10 }, toast: false })
export const fetchMyObjection = (id: string) => callApi('getMyObjection', { params: { id }, toast: false })

/** Open while opensAt ≤ now ≤ closesAt, judged here from the instants (a cached answer carries no "open now"). */
export function windowOpen(target: Pick<ObjectionTarget, 'window' | 'entryStatus'>, now = Date.now()): boolean {
  return target.entryStatus === 'listed' && Date.parse(target.window.opensAt) <= now && now <= Date.parse(target.window.closesAt)
}

/** A key for one filing, kept while the form is open: a retried tap sends it again and files once. */
export function newIdempotencyKey(): string {
  const random = Array.from({ length: 16 }, () => Math.floor(Math.random() * 36).toString(36)).join('')
  return `obj-${Date.now().toString(36)}-${random}`
}
