import mongoose from 'mongoose'
import { openRoundOf, type ReviewRound } from '@zlbg/shared'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { ApplicationRecord } from '../models/application'
import type { AssignmentRecord } from '../models/committee'
import type { ScoreRecord } from '../models/review'
import { requirePledge as pledged } from '../commands/committees/pledgeAcceptor'
import { materialRoundStarter } from '../commands/scoring/materialRoundStarter'
import { readReviewPlan, reviewPlanSaver } from '../commands/scoring/reviewPlan'
import { findScore, scoreDraftSaver, scoreReopener, scoreSubmitter } from '../commands/scoring/scores'
import { actorInCall, can, type Actor } from '../policies'
import { loadAssignment, loadCall, loadCommittee } from '../policies/loaders'
import type { InCommittee } from '../policies/loaders'
import { mayReopenInGroup, progressScope } from '../policies/rules/scoring'
import { presentMyScore, presentReviewPlan, presentRoundProgress, presentScoreDetail } from '../presenters/scoring/scoring'

type Names =
  | 'getReviewPlan'
  | 'saveReviewPlan'
  | 'startMaterialRound'
  | 'getRoundProgress'
  | 'getScore'
  | 'reopenScore'
  | 'listMyScoreStates'
  | 'getMyScore'
  | 'saveScoreDraft'
  | 'submitScore'

/** Scoring (第十六条, 第十七条): rubric and settings, the experts' scores, progress, reopening. */
export function scoringHandlers(models: Models, { logger }: { logger: Logger }): Pick<Handlers, Names> {
  const oid = (id: string) => new mongoose.Types.ObjectId(id)

  /** 第十三条: the pledge gates all review work, scoring included. */
  const requirePledge = ({ committee, roles }: InCommittee) => pledged(models, committee, roles.expertId)

  /** A score, judged with the caller as they act in its call: 404 when absent, 403 when they may not. */
  async function loadScore(id: string, actor: Actor, action: string): Promise<{ score: ScoreRecord; actor: Actor }> {
    const score = mongoose.isValidObjectId(id) ? await models.Score.findById(id, { pendingEffects: 0 }).lean<ScoreRecord>() : null
    if (!score) throw new AppError('SCORE_NOT_FOUND')
    const callId = score.callId.toHexString()
    const inCall = await actorInCall(models, actor, callId)
    if (!can(inCall, action, { id, callId })) throw new AppError('FORBIDDEN')
    return { score, actor: inCall }
  }

  async function myScore(loaded: InCommittee & { assignment: AssignmentRecord }, round: ReviewRound, score?: ScoreRecord | null) {
    const { assignment, committee } = loaded
    const [app, plan, current] = await Promise.all([
      models.Application.findById(assignment.applicationId, { state: 1, 'content.title': 1, organizationName: 1 }).lean<ApplicationRecord>(),
      readReviewPlan(models, assignment.callId),
      score === undefined ? findScore(models, assignment._id, round) : Promise.resolve(score),
    ])
    return presentMyScore({ assignment, round, app, plan, committee, score: current })
  }

  return {
    async getReviewPlan(_ctx, { params, actor }) {
      await loadCall(models, params.id, actor, 'scoring.manage')
      return presentReviewPlan(params.id, await readReviewPlan(models, oid(params.id)))
    },

    async saveReviewPlan(ctx, { params, body, actor }) {
      await loadCall(models, params.id, actor, 'scoring.manage')
      const saved = await reviewPlanSaver({ models, actor, callId: oid(params.id), input: body, logger: ctx.state.log ?? logger })
      return presentReviewPlan(params.id, saved)
    },

    async startMaterialRound(ctx, { params, actor }) {
      await loadCall(models, params.id, actor, 'scoring.manage')
      return materialRoundStarter({ models, actor, callId: oid(params.id), logger: ctx.state.log ?? logger })
    },

    async getRoundProgress(_ctx, { params, actor }) {
      const { committee, actor: inCall } = await loadCommittee(models, params.id, actor, 'scoring.progress')
      const scope = progressScope(inCall)
      const groupIds = committee.groups.map((g) => g._id.toHexString()).filter((id) => scope === 'all' || id === scope)
      return presentRoundProgress(models, {
        committee,
        round: params.round,
        plan: await readReviewPlan(models, committee.callId),
        groupIds,
        canReopenGroups: groupIds.filter((id) => mayReopenInGroup(inCall, id)),
      })
    },

    async getScore(_ctx, { params, actor }) {
      const { score } = await loadScore(params.id, actor, 'scoring.manage')
      return presentScoreDetail(models, score)
    },

    async reopenScore(ctx, { params, body, actor }) {
      const { score, actor: inCall } = await loadScore(params.id, actor, 'scoring.reopen')
      // A group leader reopens their own group's scores only; the machine checks the role, this the group.
      if (!mayReopenInGroup(inCall, score.groupId.toHexString())) throw new AppError('FORBIDDEN')
      const done = await scoreReopener({ models, actor, score, reason: body.reason, logger: ctx.state.log ?? logger })
      return presentScoreDetail(models, done)
    },

    async listMyScoreStates(_ctx, { params, actor }) {
      const loaded = await loadCommittee(models, params.id, actor, 'scoring.listOwn')
      await requirePledge(loaded)
      const ids = (loaded.roles.assignmentIds ?? []).map(oid)
      if (!ids.length) return { items: [] }
      const assignments = await models.Assignment.find({ _id: { $in: ids } }, { applicationId: 1 }).lean<AssignmentRecord[]>()
      const states = new Map((await models.Application.find({ _id: { $in: assignments.map((a) => a.applicationId) } }, { state: 1 }).lean<ApplicationRecord[]>()).map((a) => [a._id.toHexString(), a.state]))
      const scores = await models.Score.find({ assignmentId: { $in: ids } }, { assignmentId: 1, round: 1, state: 1 }).lean<ScoreRecord[]>()
      return {
        items: assignments.map((a) => {
          const round = openRoundOf(states.get(a.applicationId.toHexString()) ?? '')
          const score = round && scores.find((s) => s.assignmentId.equals(a._id) && s.round === round)
          return { assignmentId: a._id.toHexString(), ...(round ? { round } : {}), ...(score ? { state: score.state } : {}) }
        }),
      }
    },

    async getMyScore(_ctx, { params, actor }) {
      const loaded = await loadAssignment(models, params.id, actor, 'scoring.score')
      await requirePledge(loaded)
      return myScore(loaded, params.round)
    },

    async saveScoreDraft(ctx, { params, body, actor }) {
      const loaded = await loadAssignment(models, params.id, actor, 'scoring.score')
      await requirePledge(loaded)
      const score = await scoreDraftSaver({ models, actor, assignment: loaded.assignment, round: body.round, points: body.points, comment: body.comment, logger: ctx.state.log ?? logger })
      return myScore(loaded, body.round, score)
    },

    async submitScore(ctx, { params, body, actor }) {
      const loaded = await loadAssignment(models, params.id, actor, 'scoring.score')
      await requirePledge(loaded)
      const score = await scoreSubmitter({ models, actor, assignment: loaded.assignment, round: body.round, points: body.points, comment: body.comment, logger: ctx.state.log ?? logger })
      return myScore(loaded, body.round, score)
    },
  }
}
