import mongoose from 'mongoose'
import { assignmentRunner, currentCommittee, manualAssigner, placementChanger } from '../commands/committees/assignmentRunner'
import { committeeSaver } from '../commands/committees/committeeSaver'
import { conflictDismisser } from '../commands/committees/conflictDismisser'
import { reviewStarter } from '../commands/committees/reviewStarter'
import { withdrawalNotice } from '../commands/committees/committeeSaver'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { ConflictRecord } from '../models/committee'
import { presentCommittee, presentConflicts } from '../presenters/committees/committee'
import { presentPlan } from '../presenters/committees/plan'
import { assignmentTransition } from '../workflow/committee'

type Names =
  | 'getCommittee'
  | 'saveCommittee'
  | 'startCommitteeReview'
  | 'listConflicts'
  | 'dismissConflict'
  | 'getAssignmentPlan'
  | 'runAssignment'
  | 'placeApplication'
  | 'addAssignment'
  | 'withdrawAssignment'

/** The office's side of a call's committee (第十条–第十三条): roster, conflicts, assignment. */
export function committeeHandlers(models: Models, { logger }: { logger: Logger }): Pick<Handlers, Names> {
  async function callOf(id: string) {
    const call = await models.Call.findById(id, { _id: 1 }).lean()
    if (!call) throw new AppError('CALL_NOT_FOUND')
    return call._id
  }
  const plan = async (callId: mongoose.Types.ObjectId) => presentPlan(models, await currentCommittee(models, callId))

  return {
    async getCommittee(_ctx, { params }) {
      return presentCommittee(models, await currentCommittee(models, await callOf(params.id)))
    },

    async saveCommittee(ctx, { params, body, actor }) {
      const callId = await callOf(params.id)
      return presentCommittee(models, await committeeSaver({ models, actor, callId, input: body, logger: ctx.state.log ?? logger }))
    },

    async startCommitteeReview(ctx, { params, actor }) {
      const callId = await callOf(params.id)
      return presentCommittee(models, await reviewStarter({ models, actor, callId, logger: ctx.state.log ?? logger }))
    },

    async listConflicts(_ctx, { params }) {
      const callId = await callOf(params.id)
      await currentCommittee(models, callId)
      const docs = await models.Conflict.find({ callId }).sort({ state: 1, createdAt: 1, _id: 1 }).limit(5000).lean<ConflictRecord[]>()
      return { items: await presentConflicts(models, docs) }
    },

    async dismissConflict(ctx, { params, body, actor }) {
      const doc = await conflictDismisser({ models, actor, id: params.id, reason: body.reason, logger: ctx.state.log ?? logger })
      const [view] = await presentConflicts(models, [doc])
      return view!
    },

    async getAssignmentPlan(_ctx, { params }) {
      return plan(await callOf(params.id))
    },

    async runAssignment(ctx, { params, actor }) {
      const callId = await callOf(params.id)
      await assignmentRunner({ models, actor, callId, logger: ctx.state.log ?? logger })
      return plan(callId)
    },

    async placeApplication(ctx, { params, body, actor }) {
      const callId = await callOf(params.id)
      await placementChanger({ models, actor, callId, applicationId: params.applicationId, groupId: body.groupId, reason: body.reason, logger: ctx.state.log ?? logger })
      return plan(callId)
    },

    async addAssignment(_ctx, { params, body, actor }) {
      const callId = await callOf(params.id)
      await manualAssigner({ models, actor, callId, applicationId: body.applicationId, expertId: body.expertId, reason: body.reason })
      return plan(callId)
    },

    async withdrawAssignment(ctx, { params, body, actor }) {
      const done = await assignmentTransition({ models, id: params.id, event: 'withdraw', actor, reason: body.reason, effects: { notifyExpert: withdrawalNotice(models) }, logger: ctx.state.log ?? logger })
      return plan(done.doc.callId)
    },
  }
}
