import type { ResponseOf } from '@zlbg/shared'
import { callApi } from '../../api/client'

/** The chair's and vice chairs' sign-off of deliberations (第十一条, 第十六条, 第十七条). */
export type MyDeliberations = ResponseOf<'listMyDeliberations'>
export type DeliberationToSign = ResponseOf<'getDeliberationForSigning'>

export const fetchMyDeliberations = () => callApi('listMyDeliberations', { toast: false })
export const fetchDeliberationToSign = (id: string) => callApi('getDeliberationForSigning', { params: { id }, toast: false })
export const signDeliberation = (id: string) => callApi('signDeliberation', { params: { id } })
