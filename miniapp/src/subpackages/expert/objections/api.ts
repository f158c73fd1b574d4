import type { ObjectionDecisionInput, ResponseOf } from '@zlbg/shared'
import { callApi } from '../../../api/client'
import { downloadRoute } from '../../../api/download'

/** The chair's and vice chairs' side of objections (第十八条): what to decide, without who objected. */
export type CommitteeObjection = ResponseOf<'getObjectionToDecide'>
export type CommitteeObjectionRow = ResponseOf<'listObjectionsToDecide'>['items'][number]

export const fetchObjectionsToDecide = () => callApi('listObjectionsToDecide', { toast: false })
export const fetchObjectionToDecide = (id: string) => callApi('getObjectionToDecide', { params: { id }, toast: false })
export const decideObjection = (id: string, body: ObjectionDecisionInput) => callApi('decideObjection', { params: { id }, body: body as never, toast: false })
export const downloadDecisionFile = (id: string, attachmentId: string, filename: string) => downloadRoute('downloadObjectionFileForDecision', {}, filename, { id, attachmentId })
