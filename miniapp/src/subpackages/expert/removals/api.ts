import type { RemovalDecision, ResponseOf } from '@zlbg/shared'
import { callApi } from '../../../api/client'
import { downloadRoute } from '../../../api/download'

/** The chair's and vice chairs' side of removals (第二十一条): confirm or decline, with the evidence. */
export type CommitteeRemoval = ResponseOf<'getRemovalToConfirm'>
export type CommitteeRemovalRow = ResponseOf<'listRemovalsToConfirm'>['items'][number]

export const fetchRemovalsToConfirm = (page: number) => callApi('listRemovalsToConfirm', { query: { page, pageSize: 20 }, toast: false })
export const fetchRemovalToConfirm = (id: string) => callApi('getRemovalToConfirm', { params: { id }, toast: false })
export const decideAsChair = (id: string, body: { decision: RemovalDecision; reason?: string }) => callApi('decideRemovalAsChair', { params: { id }, body: body as never, toast: false })
export const downloadFileForChair = (id: string, attachmentId: string, filename: string) => downloadRoute('downloadRemovalFileForChair', {}, filename, { id, attachmentId })
