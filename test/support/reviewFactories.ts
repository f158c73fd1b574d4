/**
 * Builders for the expert pool and committees (第九条–第十三条), in the manner of factories.ts:
 *
 *   expertInput(opts)                   an ExpertInput that passes ExpertInputSchema
 *   buildExpert(t, opts)                a pool entry, with a signed-in expert account unless `account: false`
 *   committeeBody(chair, vices, groups) a CommitteeInput for the API
 */
import mongoose from 'mongoose'
import { DEFAULT_PLEDGE_TEXT, type ExpertInput, type Sector } from '@zlbg/shared'
import type { ExpertRecord } from '../../server/src/models/expert'
import { browserUser } from './api'
import { creditCode } from './factories'
import type { TestServer } from './server'

let n = 0
/** A unique mobile number per test run. */
export const mobile = () => `139${String((Date.now() % 10_000) * 1000 + (++n % 1000)).padStart(8, '0').slice(-8)}`

export function expertInput(opts: Partial<ExpertInput> = {}): ExpertInput {
  return {
    name: `专家${++n}`,
    title: '高级工程师',
    employer: { name: '某质量研究院', creditCode: creditCode() },
    formerEmployers: [],
    fields: ['卓越绩效模式'],
    sectors: ['manufacturing'] as Sector[],
    industries: ['汽车'],
    competent: false,
    phone: mobile(),
    active: true,
    ...opts,
  }
}

export interface BuiltExpert {
  expert: ExpertRecord
  id: string
  /** The linked account's session (absent with `account: false`). */
  token?: string
  userId?: string
}

/** A pool entry made through the models, linked to a fresh browser account with the expert role. */
export async function buildExpert(t: TestServer, opts: Partial<ExpertInput> & { account?: boolean } = {}): Promise<BuiltExpert> {
  const { account = true, ...input } = opts
  const user = account ? await browserUser(t, ['expert'], { displayName: input.name ?? '专家' }) : undefined
  const data = expertInput(input)
  const doc = await t.db.models.Expert.create({
    ...data,
    ...(user ? { userId: new mongoose.Types.ObjectId(user.id) } : {}),
  })
  return { expert: doc.toObject(), id: doc._id.toHexString(), ...(user ? { token: user.token, userId: user.id } : {}) }
}

export function committeeBody(
  chairId: string,
  viceChairIds: string[],
  groups: { name: string; leaderId: string; memberIds: string[]; sectors?: Sector[]; id?: string }[],
  extra: Record<string, unknown> = {},
) {
  return {
    chairId,
    viceChairIds,
    groups: groups.map((g) => ({ sectors: [], industries: [], ...g })),
    pledgeText: DEFAULT_PLEDGE_TEXT,
    reviewersPerApplication: 2,
    maxPerExpert: 10,
    ...extra,
  }
}
