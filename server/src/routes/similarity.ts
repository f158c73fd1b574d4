import { requirePledge } from '../commands/committees/pledgeAcceptor'
import { flagConcluder } from '../commands/similarity/flagConcluder'
import { similaritySettingsUpdater } from '../commands/similarity/settingsUpdater'
import mongoose from 'mongoose'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { ApplicationRecord } from '../models/application'
import type { AssignmentRecord } from '../models/committee'
import { loadAssignment, loadCall, loadCommittee, loadSubmittedApplication } from '../policies/loaders'
import { mayKnowOtherApplicant, similarityGroupScope } from '../policies/rules/similarity'
import { presentFlag, presentSimilarityReport, presentSimilaritySettings } from '../presenters/similarity/report'
import { presentReviewerSimilarity } from '../presenters/similarity/reviewer'

type Names = 'getSimilarityReport' | 'concludeSimilarityFlag' | 'getSimilaritySettings' | 'updateSimilaritySettings' | 'getAssignmentSimilarity' | 'getGroupSimilarity'

/** Copied text (第二十一条): the office's report per application, its conclusions, and the call's settings. */
export function similarityHandlers(models: Models, { logger }: { logger: Logger }): Pick<Handlers, Names> {
  return {
    async getSimilarityReport(_ctx, { params, actor }) {
      const app = await loadSubmittedApplication(models, params.id, actor, 'similarity.read')
      return presentSimilarityReport(models, app, actor)
    },

    async concludeSimilarityFlag(ctx, { params, body, actor }) {
      const flag = await flagConcluder({ models, logger: ctx.state.log ?? logger, id: params.id, actor, conclusion: body })
      return presentFlag(flag, actor)
    },

    async getSimilaritySettings(_ctx, { params, actor }) {
      await loadCall(models, params.id, actor, 'similarity.configure')
      return presentSimilaritySettings(models, params.id)
    },

    async updateSimilaritySettings(_ctx, { params, body, actor }) {
      await loadCall(models, params.id, actor, 'similarity.configure')
      return similaritySettingsUpdater({ models, callId: params.id, actor, settings: body })
    },

    // 第十六条: the expert reviewing an application sees its flags, after the pledge (第十三条).
    async getAssignmentSimilarity(_ctx, { params, actor }) {
      const { assignment, committee, roles, actor: inCall } = await loadAssignment(models, params.id, actor, 'similarity.assigned')
      await requirePledge(models, committee, roles.expertId)
      const [app, settings] = await Promise.all([
        models.Application.findById(assignment.applicationId, { 'content.title': 1 }).lean<ApplicationRecord>(),
        presentSimilaritySettings(models, assignment.callId.toHexString()),
      ])
      if (!app) throw new AppError('ASSIGNMENT_NOT_FOUND')
      return (await presentReviewerSimilarity(models, inCall, settings, [app]))[0]!
    },

    // The group leader: the flagged applications assigned in their group, while the group reviews.
    async getGroupSimilarity(_ctx, { params, actor }) {
      const { committee, roles, actor: inCall } = await loadCommittee(models, params.id, actor, 'similarity.group')
      await requirePledge(models, committee, roles.expertId)
      const groupId = similarityGroupScope(inCall)!
      const settings = await presentSimilaritySettings(models, params.id)
      const assigned =
        committee.state === 'reviewing'
          ? await models.Assignment.find({ callId: committee.callId, groupId: new mongoose.Types.ObjectId(groupId), state: 'active' }, { applicationId: 1 }).lean<AssignmentRecord[]>()
          : []
      const flagged = await models.SimilarityFlag.distinct('applicationId', { applicationId: { $in: assigned.map((a) => a.applicationId) } })
      const apps = await models.Application.find({ _id: { $in: flagged } }, { 'content.title': 1 }).sort({ receiptNumber: 1, _id: 1 }).lean<ApplicationRecord[]>()
      const items = await presentReviewerSimilarity(models, inCall, settings, apps)
      return {
        groupName: committee.groups.find((g) => g._id.toHexString() === groupId)?.name ?? '',
        identityHidden: !mayKnowOtherApplicant(inCall, settings),
        items,
      }
    },
  }
}
