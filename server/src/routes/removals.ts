import mongoose from 'mongoose'
import { downloadAttachment } from '../attachments'
import { removalStarter } from '../commands/removals/removalStarter'
import { announcementEditor, announcementPublisher, removalApproverDecider, removalChairDecider, removalWithdrawer } from '../commands/removals/removalSteps'
import { literalPattern } from '../db/literalPattern'
import { findPage, mapPage } from '../db/paged'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { ListedExperienceRecord, RemovalRecord } from '../models/listing'
import { expertOfActor, type Actor } from '../policies'
import { loadRemoval } from '../policies/loaders'
import { presentAnnouncements, presentRemoval, presentRemovalRows, PUBLIC_REMOVAL_FIELDS } from '../presenters/removals/removal'
import type { FileStorage } from '../storage'

type Names =
  | 'listAnnouncements'
  | 'getAnnouncement'
  | 'listRemovalCandidates'
  | 'listRemovalCalls'
  | 'listRemovals'
  | 'startRemoval'
  | 'getRemoval'
  | 'withdrawRemoval'
  | 'editAnnouncement'
  | 'publishAnnouncement'
  | 'downloadRemovalFile'
  | 'listRemovalsToConfirm'
  | 'getRemovalToConfirm'
  | 'decideRemovalAsChair'
  | 'downloadRemovalFileForChair'
  | 'listRemovalsToApprove'
  | 'getRemovalToApprove'
  | 'decideRemovalAsApprover'
  | 'downloadRemovalFileForApprover'

const NEWEST = { createdAt: -1, _id: -1 } as const
const PUBLISHED = { 'announcement.published': { $exists: true } } as const
const INTERNAL = { pendingEffects: 0 } as const

/** Removal from the list and its announcement (第二十一条): route → command → presenter, as everywhere. */
export function removalHandlers(models: Models, { storage, logger, clock }: { storage: FileStorage; logger: Logger; clock?: () => Date }): Pick<Handlers, Names> {
  const now = () => (clock ? { now: clock() } : {})
  const log = (ctx: { state: { log?: Logger } }) => ctx.state.log ?? logger

  /** The removal as the action's holder may see it, with the caller resolved in its call. */
  const load = (id: string, actor: Actor, action: string) => loadRemoval(models, id, actor, action)
  /** A file of the removal's evidence, once the caller may read the removal. */
  async function evidence(removal: RemovalRecord, attachmentId: string) {
    if (!removal.evidenceIds.some((id) => id.toHexString() === attachmentId)) throw new AppError('ATTACHMENT_NOT_FOUND')
    return downloadAttachment(models, storage, attachmentId, [{ type: 'removal', id: removal._id }])
  }
  /** The calls whose committee the expert chairs or vice-chairs (第十一条). */
  async function presidedCalls(actor: Actor) {
    const expert = await expertOfActor(models, actor)
    if (!expert) return []
    const committees = await models.Committee.find({ $or: [{ chairId: expert._id }, { viceChairIds: expert._id }] }, { callId: 1 }).lean()
    return committees.map((c) => c.callId)
  }

  return {
    async listAnnouncements(_ctx, { query }) {
      const page = await findPage<RemovalRecord>(models.Removal, PUBLISHED, query, { sort: { 'announcement.published.at': -1, _id: -1 }, projection: PUBLIC_REMOVAL_FIELDS })
      return mapPage(page, (docs) => presentAnnouncements(models, docs))
    },

    async getAnnouncement(_ctx, { params }) {
      const doc = await models.Removal.findOne({ _id: params.id, ...PUBLISHED }, PUBLIC_REMOVAL_FIELDS).lean<RemovalRecord>()
      if (!doc) throw new AppError('ANNOUNCEMENT_NOT_FOUND')
      return (await presentAnnouncements(models, [doc]))[0]!
    },

    async listRemovalCandidates(_ctx, { query }) {
      const pattern = query.q ? literalPattern(query.q) : undefined
      const filter: mongoose.FilterQuery<ListedExperienceRecord> = { state: 'listed', ...(pattern ? { $or: [{ organizationName: pattern }, { title: pattern }] } : {}) }
      const page = await findPage<ListedExperienceRecord>(models.ListedExperience, filter, query, {
        sort: { year: -1, organizationName: 1, _id: 1 },
        projection: { year: 1, organizationName: 1, title: 1, source: 1, callId: 1 },
      })
      const open = await models.Removal.find({ listedExperienceId: { $in: page.items.map((e) => e._id) }, slot: 'open' }, { listedExperienceId: 1 }).lean()
      return mapPage(page, (items) =>
        items.map((e) => {
          const removal = open.find((r) => r.listedExperienceId.equals(e._id))
          return {
            id: e._id.toHexString(),
            year: e.year,
            organizationName: e.organizationName,
            title: e.title,
            source: e.source,
            ...(e.callId ? { callId: e.callId.toHexString() } : {}),
            ...(removal ? { openRemovalId: removal._id.toHexString() } : {}),
          }
        }),
      )
    },

    async listRemovalCalls() {
      const committees = await models.Committee.find({}, { callId: 1, chairId: 1 }).lean()
      const calls = await models.Call.find({ _id: { $in: committees.map((c) => c.callId) } }, { title: 1, year: 1 }).sort({ year: -1, _id: -1 }).lean()
      const chairs = await models.Expert.find({ _id: { $in: committees.map((c) => c.chairId) } }, { name: 1 }).lean()
      return {
        items: calls.map((c) => {
          const committee = committees.find((k) => k.callId.equals(c._id))!
          return { id: c._id.toHexString(), title: c.title, year: c.year, chairName: chairs.find((e) => e._id.equals(committee.chairId))?.name ?? '' }
        }),
      }
    },

    // The office's own step waiting: an approved removal's announcement to review and publish.
    async listRemovals(_ctx, { query }) {
      const page = await findPage<RemovalRecord>(models.Removal, query.state ? { state: query.state } : {}, query, { sort: NEWEST, projection: INTERNAL })
      return mapPage(page, (docs) => presentRemovalRows(models, docs, (d) => d.state === 'confirmed'))
    },

    async startRemoval(ctx, { body, actor }) {
      const doc = await removalStarter({ models, actor, input: body, ...now(), logger: log(ctx) })
      return presentRemoval(models, doc, actor)
    },

    async getRemoval(_ctx, { params, actor }) {
      const { removal, actor: inCall } = await load(params.id, actor, 'removal.manage')
      return presentRemoval(models, removal, inCall)
    },

    async withdrawRemoval(ctx, { params, body, actor }) {
      const { actor: inCall } = await load(params.id, actor, 'removal.manage')
      return presentRemoval(models, await removalWithdrawer({ models, actor: inCall, id: params.id, reason: body.reason, ...now(), logger: log(ctx) }), inCall)
    },

    async editAnnouncement(ctx, { params, body, actor }) {
      const { actor: inCall } = await load(params.id, actor, 'removal.manage')
      return presentRemoval(models, await announcementEditor({ models, actor: inCall, id: params.id, input: body, ...now(), logger: log(ctx) }), inCall)
    },

    async publishAnnouncement(ctx, { params, actor }) {
      const { actor: inCall } = await load(params.id, actor, 'removal.manage')
      return presentRemoval(models, await announcementPublisher({ models, actor: inCall, id: params.id, ...now(), logger: log(ctx) }), inCall)
    },

    async downloadRemovalFile(_ctx, { params, actor }) {
      return evidence((await load(params.id, actor, 'removal.manage')).removal, params.attachmentId)
    },

    async listRemovalsToConfirm(_ctx, { query, actor }) {
      const callIds = await presidedCalls(actor)
      const page = await findPage<RemovalRecord>(models.Removal, { callId: { $in: callIds } }, query, { sort: NEWEST, projection: INTERNAL })
      return mapPage(page, (docs) => presentRemovalRows(models, docs, (d) => d.state === 'proposed'))
    },

    async getRemovalToConfirm(_ctx, { params, actor }) {
      const { removal, actor: inCall } = await load(params.id, actor, 'removal.confirmAsChair')
      return presentRemoval(models, removal, inCall)
    },

    async decideRemovalAsChair(ctx, { params, body, actor }) {
      const { actor: inCall } = await load(params.id, actor, 'removal.confirmAsChair')
      const doc = await removalChairDecider({ models, actor: inCall, id: params.id, decision: body.decision, ...(body.reason ? { reason: body.reason } : {}), ...now(), logger: log(ctx) })
      return presentRemoval(models, doc, inCall)
    },

    async downloadRemovalFileForChair(_ctx, { params, actor }) {
      return evidence((await load(params.id, actor, 'removal.confirmAsChair')).removal, params.attachmentId)
    },

    // The approver sees a removal once the chair has confirmed it (第二十一条: the committee first).
    async listRemovalsToApprove(_ctx, { query }) {
      const page = await findPage<RemovalRecord>(models.Removal, { chairConfirmation: { $exists: true } }, query, { sort: { updatedAt: -1, _id: -1 }, projection: INTERNAL })
      return mapPage(page, (docs) => presentRemovalRows(models, docs, (d) => d.state === 'chair_confirmed'))
    },

    async getRemovalToApprove(_ctx, { params, actor }) {
      const { removal, actor: inCall } = await load(params.id, actor, 'removal.approve')
      if (!removal.chairConfirmation) throw new AppError('REMOVAL_NOT_FOUND')
      return presentRemoval(models, removal, inCall)
    },

    async decideRemovalAsApprover(ctx, { params, body, actor }) {
      const { removal, actor: inCall } = await load(params.id, actor, 'removal.approve')
      if (!removal.chairConfirmation) throw new AppError('REMOVAL_NOT_FOUND')
      const doc = await removalApproverDecider({ models, actor: inCall, id: params.id, decision: body.decision, ...(body.reason ? { reason: body.reason } : {}), ...now(), logger: log(ctx) })
      return presentRemoval(models, doc, inCall)
    },

    async downloadRemovalFileForApprover(_ctx, { params, actor }) {
      const { removal } = await load(params.id, actor, 'removal.approve')
      if (!removal.chairConfirmation) throw new AppError('REMOVAL_NOT_FOUND')
      return evidence(removal, params.attachmentId)
    },
  }
}
