import type { CreditCodeClaims, ResponseOf } from '@zlbg/shared'
import { callApi, type BodyOf } from './client'

/** 组织核验 (office, 第八条(一)): every claim of one credit code side by side, and the decision. */

export type VerificationDecision = BodyOf<'decideVerification'>
/** A group keyed by its credit code, so the office's list components can track it. */
export type CreditCodeGroup = CreditCodeClaims & { id: string }
export interface VerificationFilter {
  state: 'pending' | 'all'
}

export const VERIFICATION_PAGE_SIZE = 10

const keyed = (group: CreditCodeClaims): CreditCodeGroup => ({ ...group, id: group.creditCode })

export async function fetchVerificationPage(filter: VerificationFilter, page: number) {
  const res = await callApi('listCreditCodeClaims', { query: { ...filter, page, pageSize: VERIFICATION_PAGE_SIZE } })
  return { ...res, items: res.items.map(keyed) }
}

/** One code's claims as they stand now (a decision changes its rivals too). */
export async function fetchCreditCodeGroup(creditCode: string): Promise<CreditCodeGroup | undefined> {
  const res = await callApi('listCreditCodeClaims', { query: { state: 'all', creditCode, page: 1, pageSize: 1 } })
  return res.items[0] && keyed(res.items[0])
}

export function decideVerification(id: string, decision: VerificationDecision): Promise<ResponseOf<'decideVerification'>> {
  return callApi('decideVerification', { params: { id }, body: decision, toast: false })
}
