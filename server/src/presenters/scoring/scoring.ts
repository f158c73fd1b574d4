import mongoose from 'mongoose'
import {
  DEFAULT_REVIEW_PLAN,
  ROUND_APPLICATION_STATES,
  rubricTotal,
  type MyScore,
  type ReviewPlan,
  type ReviewRound,
  type RoundProgress,
  type ScoreDetail,
} from '@zlbg/shared'
import { roundDeadline, rubricOf } from '../../commands/scoring/reviewPlan'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { AssignmentRecord, CommitteeRecord } from '../../models/committee'
import type { ReviewPlanRecord, ScoreRecord } from '../../models/review'

/** The call's review settings as the office edits them: the defaults until saved. */
export function presentReviewPlan(callId: string, plan: ReviewPlanRecord | null): ReviewPlan {
  const round = (r: ReviewRound) => {
    const rubric = rubricOf(plan, r)
    const saved = plan?.[r]
    return { rubric, total: rubricTotal(rubric), ...(saved?.deadline ? { deadline: saved.deadline } : {}), ...(saved?.lockedAt ? { lockedAt: saved.lockedAt.toISOString() } : {}) }
  }
  const base = plan ?? DEFAULT_REVIEW_PLAN
  return {
    callId,
    rankBy: base.rankBy,
    disagreementThreshold: base.disagreementThreshold,
    quorum: base.quorum,
    material: round('material'),
    defense: round('defense'),
    saved: !!plan,
    ...(plan ? { updatedAt: plan.updatedAt.toISOString() } : {}),
  }
}

const lastReopen = (s: ScoreRecord) => (s.state === 'reopened' ? s.history[s.history.length - 1]?.reopenReason : undefined)

/** The expert's own score (第十三条: never another reviewer's, and no reviewer names). */
export function presentMyScore({
  assignment,
  round,
  app,
  plan,
  committee,
  score,
}: {
  assignment: AssignmentRecord
  round: ReviewRound
  app: Pick<ApplicationRecord, 'state' | 'content' | 'organizationName'> | null
  plan: ReviewPlanRecord | null
  committee: Pick<CommitteeRecord, 'reviewDeadline'>
  score: ScoreRecord | null
}): MyScore {
  const rubric = rubricOf(plan, round)
  const roundOpen = !!app && ROUND_APPLICATION_STATES[round].includes(app.state)
  const deadline = roundDeadline(plan, round, committee.reviewDeadline)
  const reason = score ? lastReopen(score) : undefined
  return {
    assignmentId: assignment._id.toHexString(),
    round,
    title: app?.content?.title ?? '',
    organizationName: app?.organizationName ?? '',
    rubric,
    rubricTotal: rubricTotal(rubric),
    ...(deadline ? { deadline } : {}),
    roundOpen,
    ...(score ? { state: score.state } : {}),
    points: score?.points ?? {},
    comment: score?.comment ?? '',
    ...(score?.total !== undefined && score.state === 'submitted' ? { total: score.total } : {}),
    version: score?.version ?? 0,
    ...(score?.submittedAt ? { submittedAt: score.submittedAt.toISOString() } : {}),
    ...(reason ? { reopenReason: reason } : {}),
    editable: roundOpen && (!score || score.state !== 'submitted'),
    ...(score ? { updatedAt: score.updatedAt.toISOString() } : {}),
  }
}

/** A score and every submitted version, for the office. */
export async function presentScoreDetail(models: Models, s: ScoreRecord): Promise<ScoreDetail> {
  const [app, expert] = await Promise.all([
    models.Application.findById(s.applicationId, { 'content.title': 1, organizationName: 1 }).lean<ApplicationRecord>(),
    models.Expert.findById(s.expertId, { name: 1 }).lean(),
  ])
  return {
    id: s._id.toHexString(),
    callId: s.callId.toHexString(),
    round: s.round,
    applicationId: s.applicationId.toHexString(),
    title: app?.content?.title ?? '',
    organizationName: app?.organizationName ?? '',
    groupId: s.groupId.toHexString(),
    expertName: expert?.name ?? '（已移出专家库）',
    state: s.state,
    points: s.points,
    comment: s.comment,
    ...(s.total !== undefined ? { total: s.total } : {}),
    version: s.version,
    ...(s.submittedAt ? { submittedAt: s.submittedAt.toISOString() } : {}),
    history: s.history.map((h) => ({
      version: h.version,
      points: h.points,
      total: h.total,
      comment: h.comment,
      submittedAt: h.submittedAt.toISOString(),
      ...(h.reopenedAt ? { reopenedAt: h.reopenedAt.toISOString() } : {}),
      ...(h.reopenedByName ? { reopenedByName: h.reopenedByName } : {}),
      ...(h.reopenReason ? { reopenReason: h.reopenReason } : {}),
    })),
    updatedAt: s.updatedAt.toISOString(),
  }
}

type Counts = Pick<RoundProgress['groups'][number], 'assigned' | 'notStarted' | 'draft' | 'submitted' | 'reopened'>
const zero = (): Counts => ({ assigned: 0, notStarted: 0, draft: 0, submitted: 0, reopened: 0 })
const COUNT_OF = { not_started: 'notStarted', draft: 'draft', submitted: 'submitted', reopened: 'reopened' } as const

/**
 * Progress of a round per group and expert: the active assignments of the applications in the
 * round, each with its score's state (not its points or comment). `groupIds` limits it to the
 * groups the caller follows. Bounded by the assignments (each expert has at most maxPerExpert).
 */
export async function presentRoundProgress(
  models: Models,
  { committee, round, plan, groupIds, canReopenGroups }: { committee: CommitteeRecord; round: ReviewRound; plan: ReviewPlanRecord | null; groupIds: readonly string[]; canReopenGroups: readonly string[] },
): Promise<RoundProgress> {
  const callId = committee.callId
  const states = ROUND_APPLICATION_STATES[round]
  const inRound = await models.Application.find({ callId, state: { $in: states } }, { 'content.title': 1 }).lean<ApplicationRecord[]>()
  const titles = new Map(inRound.map((a) => [a._id.toHexString(), a.content?.title ?? '']))
  const groups = committee.groups.filter((g) => groupIds.includes(g._id.toHexString()))
  const assignments = await models.Assignment.find({ callId, state: 'active', applicationId: { $in: inRound.map((a) => a._id) }, groupId: { $in: groups.map((g) => g._id) } })
    .sort({ createdAt: 1, _id: 1 })
    .lean<AssignmentRecord[]>()
  const scores = new Map(
    (await models.Score.find({ callId, round, assignmentId: { $in: assignments.map((a) => a._id) } }, { assignmentId: 1, state: 1, version: 1, submittedAt: 1 }).lean<ScoreRecord[]>()).map((s) => [
      s.assignmentId.toHexString(),
      s,
    ]),
  )
  const expertIds = [...new Set(groups.flatMap((g) => [g.leaderId, ...g.memberIds]).map((id) => id.toHexString()))]
  const names = new Map((await models.Expert.find({ _id: { $in: expertIds.map((id) => new mongoose.Types.ObjectId(id)) } }, { name: 1 }).lean()).map((e) => [e._id.toHexString(), e.name]))
  const waiting = round === 'material' ? await models.Application.countDocuments({ callId, state: 'qualified' }) : 0
  const deadline = roundDeadline(plan, round, committee.reviewDeadline)
  return {
    callId: callId.toHexString(),
    round,
    ...(deadline ? { deadline } : {}),
    applicationsInRound: inRound.length,
    waitingToStart: waiting,
    canReopenGroups: [...canReopenGroups],
    groups: groups.map((g) => {
      const total = zero()
      const people = [g.leaderId, ...g.memberIds].map((expertId) => {
        const counts = zero()
        const items = assignments
          .filter((a) => a.groupId.equals(g._id) && a.expertId.equals(expertId))
          .map((a) => {
            const s = scores.get(a._id.toHexString())
            const state: RoundProgress['groups'][number]['experts'][number]['items'][number]['state'] = s?.state ?? 'not_started'
            counts.assigned++
            counts[COUNT_OF[state]]++
            return {
              assignmentId: a._id.toHexString(),
              applicationId: a.applicationId.toHexString(),
              title: titles.get(a.applicationId.toHexString()) ?? '',
              ...(s ? { scoreId: s._id.toHexString() } : {}),
              state,
              version: s?.version ?? 0,
              ...(s?.submittedAt ? { submittedAt: s.submittedAt.toISOString() } : {}),
            }
          })
        for (const k of Object.keys(counts) as (keyof Counts)[]) total[k] += counts[k]
        return { expertId: expertId.toHexString(), name: names.get(expertId.toHexString()) ?? '', ...counts, items }
      })
      return { id: g._id.toHexString(), name: g.name, ...total, experts: people }
    }),
  }
}
