/**
 * Conflicts of interest and the assignment of applications to groups and reviewers (第十二条,
 * 第十三条), as pure functions: the server loads the call's data, runs these, and persists the result.
 * Deterministic: the same input gives the same output (ties are broken by id, never by chance).
 */
import type { Sector } from './calls'
import type { ConflictKind } from './committees'

// ---------------------------------------------------------------- conflicts

export interface ConflictExpert {
  id: string
  employer: { name: string; creditCode: string }
  formerEmployers: readonly { name: string; creditCode: string; endedOn: string }[]
  userId?: string
}
export interface ConflictApplication {
  id: string
  creditCode?: string
  organizationName: string
  /** Accounts that are members of the applying organization. */
  memberUserIds: readonly string[]
}
export interface FoundConflict {
  kind: Exclude<ConflictKind, 'declared'>
  detail: string
}

/** A former employer is a conflict for this many years after the expert left (回避). */
export const FORMER_EMPLOYER_YEARS = 3

const minusYears = (date: string, years: number) => `${String(Number(date.slice(0, 4)) - years).padStart(4, '0')}${date.slice(4)}`

/**
 * The automatic conflicts of one expert with one application on `today` (YYYY-MM-DD, Asia/Shanghai):
 * the employer, or a former employer left within three years, has the applicant's credit code; or
 * the expert's account is a member of the applying organization.
 */
export function automaticConflicts(expert: ConflictExpert, app: ConflictApplication, today: string): FoundConflict[] {
  const found: FoundConflict[] = []
  const code = app.creditCode?.toUpperCase()
  if (code && expert.employer.creditCode.toUpperCase() === code) {
    found.push({ kind: 'employer', detail: `专家现任职单位「${expert.employer.name}」即申报组织（统一社会信用代码 ${code}）` })
  }
  const since = minusYears(today, FORMER_EMPLOYER_YEARS)
  const former = code ? expert.formerEmployers.find((f) => f.creditCode.toUpperCase() === code && f.endedOn >= since) : undefined
  if (former) {
    found.push({ kind: 'former_employer', detail: `专家 ${former.endedOn} 离开「${former.name}」，未满 ${FORMER_EMPLOYER_YEARS} 年` })
  }
  if (expert.userId && app.memberUserIds.includes(expert.userId)) {
    found.push({ kind: 'member', detail: `专家的账号是申报组织「${app.organizationName}」的成员` })
  }
  return found
}

// ---------------------------------------------------------------- groups

export interface PlacementGroup {
  id: string
  name: string
  sectors: readonly Sector[]
  industries: readonly string[]
}
export interface PlacementApplication {
  id: string
  sector?: Sector
  industry?: string
}

/**
 * Suggests a group for each application: the group whose sectors and industries match best (an
 * industry match counts more than a sector match), ties going to the group with fewer applications
 * so far, then to the earlier group. Applications already placed keep their group.
 */
export function suggestGroups(
  groups: readonly PlacementGroup[],
  applications: readonly PlacementApplication[],
  placed: ReadonlyMap<string, string>,
): Map<string, string> {
  const result = new Map(placed)
  if (groups.length === 0) return result
  const counts = new Map(groups.map((g) => [g.id, 0]))
  for (const groupId of placed.values()) counts.set(groupId, (counts.get(groupId) ?? 0) + 1)
  const score = (g: PlacementGroup, a: PlacementApplication) =>
    (a.sector && g.sectors.includes(a.sector) ? 1 : 0) + (a.industry && g.industries.some((i) => a.industry!.includes(i) || i.includes(a.industry!)) ? 2 : 0)
  for (const app of [...applications].sort((a, b) => cmp(a.id, b.id))) {
    if (result.has(app.id)) continue
    let best = groups[0]!
    for (const g of groups.slice(1)) {
      const d = score(g, app) - score(best, app)
      if (d > 0 || (d === 0 && counts.get(g.id)! < counts.get(best.id)!)) best = g
    }
    result.set(app.id, best.id)
    counts.set(best.id, counts.get(best.id)! + 1)
  }
  return result
}

// ---------------------------------------------------------------- reviewers

export interface PlanExpert {
  id: string
  name: string
  fields: readonly string[]
}
export interface PlanGroup {
  id: string
  name: string
  /** The leader and the members: everyone in the group reviews. */
  reviewerIds: readonly string[]
}
export interface PlanApplication {
  id: string
  /** How the office names it in a gap sentence (receipt number or title). */
  label: string
  groupId?: string
  /** The methods the application names: a reviewer covering one of them is preferred. */
  fields: readonly string[]
}
export interface PlanInput {
  /** Reviewers per application; 0 = every member of the group. */
  k: number
  maxPerExpert: number
  groups: readonly PlanGroup[]
  experts: readonly PlanExpert[]
  applications: readonly PlanApplication[]
  /** `${expertId}:${applicationId}` of every conflict still standing. */
  conflicts: ReadonlySet<string>
  /** Assignments that stand (kept from earlier runs or made by hand); they count toward k and load. */
  existing: readonly { applicationId: string; expertId: string }[]
}
export interface PlannedAssignment {
  applicationId: string
  expertId: string
  coversField: boolean
}
export interface PlanGap {
  applicationId: string
  groupId?: string
  wanted: number
  got: number
  message: string
}
export interface PlanResult {
  /** New assignments to make. */
  assignments: PlannedAssignment[]
  gaps: PlanGap[]
  /** Each expert's load afterwards. */
  loads: Map<string, number>
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
export const conflictKey = (expertId: string, applicationId: string) => `${expertId}:${applicationId}`

/**
 * Gives each application k reviewers from its group: never a conflicted expert, never past the
 * maximum per expert, always the least-loaded eligible reviewers (so loads stay within one of each
 * other where conflicts allow), preferring among equally loaded ones an expert covering the
 * application's field. Applications with the fewest eligible reviewers are served first, so scarce
 * experts go where they are needed. What cannot be filled is reported, with the reason, in Chinese.
 */
export function planAssignments(input: PlanInput): PlanResult {
  const experts = new Map(input.experts.map((e) => [e.id, e]))
  const groups = new Map(input.groups.map((g) => [g.id, g]))
  const loads = new Map<string, number>()
  for (const g of input.groups) for (const id of g.reviewerIds) loads.set(id, 0)
  const current = new Map<string, Set<string>>()
  for (const a of input.existing) {
    loads.set(a.expertId, (loads.get(a.expertId) ?? 0) + 1)
    if (!current.has(a.applicationId)) current.set(a.applicationId, new Set())
    current.get(a.applicationId)!.add(a.expertId)
  }
  const conflicted = (expertId: string, appId: string) => input.conflicts.has(conflictKey(expertId, appId))
  const unconflicted = (app: PlanApplication) => (groups.get(app.groupId ?? '')?.reviewerIds ?? []).filter((id) => !conflicted(id, app.id))
  const covers = (expertId: string, app: PlanApplication) => (experts.get(expertId)?.fields ?? []).some((f) => app.fields.includes(f))

  const order = [...input.applications].sort((a, b) => unconflicted(a).length - unconflicted(b).length || cmp(a.id, b.id))
  const assignments: PlannedAssignment[] = []
  const gaps: PlanGap[] = []
  for (const app of order) {
    const group = groups.get(app.groupId ?? '')
    const have = current.get(app.id) ?? new Set<string>()
    if (!group) {
      gaps.push({ applicationId: app.id, wanted: Math.max(input.k, 1), got: have.size, message: `申报「${app.label}」尚未分入专业组，无法分配评审专家` })
      continue
    }
    const free = unconflicted(app)
    const wanted = input.k === 0 ? free.length : input.k
    const pool = free.filter((id) => !have.has(id))
    while (have.size < wanted) {
      const open = pool.filter((id) => !have.has(id) && loads.get(id)! < input.maxPerExpert)
      if (open.length === 0) break
      const low = Math.min(...open.map((id) => loads.get(id)!))
      const tied = open.filter((id) => loads.get(id) === low).sort(cmp)
      const needCover = ![...have].some((id) => covers(id, app))
      const pick = (needCover && tied.find((id) => covers(id, app))) || tied[0]!
      have.add(pick)
      loads.set(pick, loads.get(pick)! + 1)
      assignments.push({ applicationId: app.id, expertId: pick, coversField: covers(pick, app) })
    }
    current.set(app.id, have)
    if (have.size < wanted || wanted === 0) {
      gaps.push({ applicationId: app.id, groupId: group.id, wanted: Math.max(wanted, 1), got: have.size, message: gapMessage(app, group, input, free.length, have.size) })
    }
  }
  gaps.sort((a, b) => cmp(a.applicationId, b.applicationId))
  return { assignments, gaps, loads }
}

function gapMessage(app: PlanApplication, group: PlanGroup, input: PlanInput, free: number, got: number): string {
  const wanted = input.k === 0 ? Math.max(free, 1) : input.k
  const head = `申报「${app.label}」需要 ${wanted} 名评审专家，已分配 ${got} 名：`
  if (free < wanted) return `${head}${group.name}仅有 ${free} 名无回避冲突的专家`
  return `${head}${group.name}其余无冲突的专家已达每人 ${input.maxPerExpert} 件的评审上限`
}
