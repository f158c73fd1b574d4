import type { ResponseOf } from '@zlbg/shared'
import { callApi } from '../../api/client'

/** One listed experience and a listed organization (第十九条、第二十条); only this subpackage loads it. */
export type ListedDetail = ResponseOf<'getListed'>
export type ListedOrganization = ResponseOf<'getListedOrganization'>
export type ListedEntry = ListedDetail['experience']

/** The pages explain "not found" themselves, so these calls do not toast. */
export const fetchListed = (id: string) => callApi('getListed', { params: { id }, toast: false })
export const fetchListedOrganization = (id: string) => callApi('getListedOrganization', { params: { id }, toast: false })
