import { DEFAULT_QUALITY_METHODS, SECTORS, type Expert, type PoolCoverage } from '@zlbg/shared'
import type { Models } from '../../models'
import type { ExpertRecord } from '../../models/expert'

export function presentExpert(doc: ExpertRecord, username?: string): Expert {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    title: doc.title,
    employer: { name: doc.employer.name, creditCode: doc.employer.creditCode },
    formerEmployers: doc.formerEmployers.map((f) => ({ name: f.name, creditCode: f.creditCode, endedOn: f.endedOn })),
    fields: doc.fields,
    sectors: doc.sectors,
    industries: doc.industries,
    competent: doc.competent,
    phone: doc.phone,
    ...(doc.email ? { email: doc.email } : {}),
    active: doc.active,
    ...(doc.userId ? { userId: doc.userId.toHexString() } : {}),
    ...(username ? { username } : {}),
    updatedAt: doc.updatedAt.toISOString(),
  }
}

/** The experts with their linked accounts' sign-in names. */
export async function presentExperts(models: Models, docs: ExpertRecord[]): Promise<Expert[]> {
  const ids = docs.flatMap((d) => (d.userId ? [d.userId] : []))
  const users = ids.length ? await models.User.find({ _id: { $in: ids } }, { username: 1 }).lean() : []
  const names = new Map(users.map((u) => [u._id.toHexString(), u.username]))
  return docs.map((d) => presentExpert(d, d.userId ? names.get(d.userId.toHexString()) : undefined))
}

/** Pool coverage (第九条), counted by the database: active experts per field, sector and industry. */
export async function poolCoverage(models: Models): Promise<PoolCoverage> {
  const by = (field: string) =>
    models.Expert.aggregate<{ _id: string; experts: number; competent: number }>([
      { $match: { active: true } },
      { $unwind: `$${field}` },
      { $group: { _id: `$${field}`, experts: { $sum: 1 }, competent: { $sum: { $cond: ['$competent', 1, 0] } } } },
      { $sort: { experts: -1, _id: 1 } },
    ])
  const [fields, sectors, industries, active, inactive, competent] = await Promise.all([
    by('fields'),
    by('sectors'),
    by('industries'),
    models.Expert.countDocuments({ active: true }),
    models.Expert.countDocuments({ active: false }),
    models.Expert.countDocuments({ active: true, competent: true }),
  ])
  const rows = (list: { _id: string; experts: number; competent: number }[]) => list.map((r) => ({ key: r._id, experts: r.experts, competent: r.competent }))
  const covered = new Set(fields.map((f) => f._id))
  const bySector = SECTORS.map((s) => sectors.find((r) => r._id === s) ?? { _id: s, experts: 0, competent: 0 })
  return {
    active,
    inactive,
    competent,
    byField: rows(fields),
    bySector: rows(bySector),
    byIndustry: rows(industries),
    uncoveredMethods: DEFAULT_QUALITY_METHODS.filter((m) => !covered.has(m)),
  }
}
