import mongoose from 'mongoose'
import { ROUND_DECIDABLE_STATES, type MyDeliberationsSchema } from '@zlbg/shared'
import type { z } from 'zod'
import { downloadAttachment } from '../attachments'
import { hasPledged } from '../commands/committees/pledgeAcceptor'
import { deliberationCreator, deliberationSaver } from '../commands/deliberations/deliberationWriter'
import { deliberationSigner } from '../commands/deliberations/deliberationSigner'
import { defenseStarter } from '../commands/defense/defenseStarter'
import { defenseSlotAssigner, defenseSlotConfirmer, defenseSlotCreator, defenseSlotDeleter, SCHEDULABLE_STATES } from '../commands/defense/defenseSlots'
import { siteVisitCompleter, siteVisitRequester, siteVisitSaver } from '../commands/siteVisits/siteVisits'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { CommitteeRecord } from '../models/committee'
import type { DefenseSlotRecord, DeliberationRecord, SiteVisitRecord } from '../models/deliberation'
import { expertOfActor, type Actor } from '../policies'
import { loadApplication, loadCall, loadDefenseSlot, loadDeliberation, loadSiteVisit, loadSubmittedApplication } from '../policies/loaders'
import { presentApplicantSlot, presentDefenseSlots } from '../presenters/deliberations/defenseSlot'
import { callContext, groupNameOf, presentDeliberation, presentDeliberations, presentSiteVisits } from '../presenters/deliberations/deliberation'
import type { FileStorage } from '../storage'

type Names =
  | 'listDeliberations'
  | 'createDeliberation'
  | 'getDeliberation'
  | 'saveDeliberation'
  | 'listMyDeliberations'
  | 'getDeliberationForSigning'
  | 'signDeliberation'
  | 'startDefense'
  | 'getDefenseBoard'
  | 'createDefenseSlot'
  | 'assignDefenseSlot'
  | 'deleteDefenseSlot'
  | 'getMyDefenseSlot'
  | 'confirmDefenseSlot'
  | 'requestSiteVisit'
  | 'listSiteVisits'
  | 'saveSiteVisit'
  | 'completeSiteVisit'
  | 'downloadSiteVisitFile'

const oid = (id: string) => new mongoose.Types.ObjectId(id)

/** Deliberation (合议) and sign-off, defense slots, site visits (第十六条, 第十七条). */
export function deliberationsHandlers(models: Models, { logger, storage }: { logger: Logger; storage: FileStorage }): Pick<Handlers, Names> {
  const committeeFor = (callId: mongoose.Types.ObjectId) => models.Committee.findOne({ callId }, { pendingEffects: 0 }).lean<CommitteeRecord>()

  /** The chair reads and signs only after the call's pledge (第十三条), like every committee member's work. */
  async function requirePledge(record: DeliberationRecord, actor: Actor) {
    const committee = await committeeFor(record.callId)
    const expertId = actor.call?.expertId
    if (!committee || !expertId || !(await hasPledged(models, committee, expertId))) throw new AppError('PLEDGE_REQUIRED')
  }

  const presentVisit = async (visit: SiteVisitRecord) => (await presentSiteVisits(models, [visit]))[0]!
  const presentSlot = async (slot: DefenseSlotRecord) => (await presentDefenseSlots(models, [slot], await committeeFor(slot.callId)))[0]!

  return {
    async listDeliberations(_ctx, { params, actor }) {
      await loadCall(models, params.id, actor, 'deliberation.manage')
      const callId = oid(params.id)
      const ctx = await callContext(models, callId)
      if (!ctx.committee) throw new AppError('COMMITTEE_NOT_FOUND')
      const records = await models.Deliberation.find({ callId }, { pendingEffects: 0 }).sort({ date: -1, createdAt: -1 }).lean<DeliberationRecord[]>()
      const waiting = async (round: 'material' | 'defense') => models.Application.countDocuments({ callId, state: { $in: ROUND_DECIDABLE_STATES[round] } })
      return {
        callId: params.id,
        quorum: ctx.quorum,
        members: ctx.members,
        waiting: { material: await waiting('material'), defense: await waiting('defense') },
        items: await presentDeliberations(models, records, actor, ctx),
      }
    },

    async createDeliberation(_ctx, { params, body, actor }) {
      await loadCall(models, params.id, actor, 'deliberation.manage')
      const record = await deliberationCreator({ models, logger, callId: params.id, input: body, actor })
      return presentDeliberation(models, record, actor)
    },

    async getDeliberation(_ctx, { params, actor }) {
      const { record, actor: inCall } = await loadDeliberation(models, params.id, actor, 'deliberation.manage')
      return presentDeliberation(models, record, inCall)
    },

    async saveDeliberation(_ctx, { params, body, actor }) {
      const { record, actor: inCall } = await loadDeliberation(models, params.id, actor, 'deliberation.manage')
      const saved = await deliberationSaver({ models, logger, record, input: body, actor: inCall })
      return presentDeliberation(models, saved, inCall)
    },

    async listMyDeliberations(_ctx, { actor }) {
      const expert = await expertOfActor(models, actor)
      if (!expert) return { items: [] }
      const committees = await models.Committee.find({ $or: [{ chairId: expert._id }, { viceChairIds: expert._id }] }, { callId: 1 }).lean()
      const records = await models.Deliberation.find({ callId: { $in: committees.map((c) => c.callId) } }, { pendingEffects: 0 })
        .sort({ state: 1, date: -1 })
        .limit(200)
        .lean<DeliberationRecord[]>()
      const calls = new Map((await models.Call.find({ _id: { $in: committees.map((c) => c.callId) } }, { title: 1 }).lean()).map((c) => [c._id.toHexString(), c.title]))
      const items: z.input<typeof MyDeliberationsSchema>['items'] = records.map((r) => ({
        id: r._id.toHexString(),
        callId: r.callId.toHexString(),
        callTitle: calls.get(r.callId.toHexString()) ?? '',
        round: r.round,
        state: r.state,
        date: r.date,
        applications: r.items.length,
        ...(r.signedAt ? { signedAt: r.signedAt.toISOString() } : {}),
      }))
      return { items }
    },

    async getDeliberationForSigning(_ctx, { params, actor }) {
      const { record, actor: inCall } = await loadDeliberation(models, params.id, actor, 'deliberation.sign')
      await requirePledge(record, inCall)
      return presentDeliberation(models, record, inCall)
    },

    async signDeliberation(_ctx, { params, actor }) {
      const { record, actor: inCall } = await loadDeliberation(models, params.id, actor, 'deliberation.sign')
      await requirePledge(record, inCall)
      const signed = await deliberationSigner({ models, logger, record, actor: inCall })
      return presentDeliberation(models, signed, inCall)
    },

    async startDefense(_ctx, { params, body, actor }) {
      await loadCall(models, params.id, actor, 'defense.manage')
      const items = await defenseStarter({ models, logger, callId: params.id, ...(body.applicationIds ? { applicationIds: body.applicationIds } : {}), actor })
      return { items }
    },

    async getDefenseBoard(_ctx, { params, actor }) {
      await loadCall(models, params.id, actor, 'defense.manage')
      const callId = oid(params.id)
      const committee = await committeeFor(callId)
      if (!committee) throw new AppError('COMMITTEE_NOT_FOUND')
      const slots = await models.DefenseSlot.find({ callId }, { pendingEffects: 0 }).sort({ startsAt: 1 }).lean<DefenseSlotRecord[]>()
      const held = new Set(slots.flatMap((s) => (s.applicationId ? [s.applicationId.toHexString()] : [])))
      const apps = await models.Application.find(
        { callId, state: { $in: ['shortlisted', ...SCHEDULABLE_STATES] } },
        { state: 1, receiptNumber: 1, 'content.title': 1, organizationName: 1 },
      )
        .sort({ receiptNumber: 1 })
        .lean()
      const brief = (a: (typeof apps)[number]) => ({
        applicationId: a._id.toHexString(),
        ...(a.receiptNumber ? { receiptNumber: a.receiptNumber } : {}),
        title: a.content?.title ?? '',
        organizationName: a.organizationName ?? '',
        state: a.state,
        ...groupNameOf(committee, a._id),
      })
      return {
        callId: params.id,
        groups: committee.groups.map((g) => ({ id: g._id.toHexString(), name: g.name })),
        shortlisted: apps.filter((a) => a.state === 'shortlisted').map(brief),
        unscheduled: apps.filter((a) => a.state !== 'shortlisted' && !held.has(a._id.toHexString())).map(brief),
        slots: await presentDefenseSlots(models, slots, committee),
      }
    },

    async createDefenseSlot(_ctx, { params, body, actor }) {
      await loadCall(models, params.id, actor, 'defense.manage')
      return presentSlot(await defenseSlotCreator({ models, logger, callId: params.id, input: body, actor }))
    },

    async assignDefenseSlot(_ctx, { params, body, actor }) {
      const slot = await loadDefenseSlot(models, params.id, actor, 'defense.manage')
      return presentSlot(await defenseSlotAssigner({ models, logger, slot, applicationId: body.applicationId, actor }))
    },

    async deleteDefenseSlot(_ctx, { params, actor }) {
      const slot = await loadDefenseSlot(models, params.id, actor, 'defense.manage')
      await defenseSlotDeleter({ models, slot, actor })
    },

    async getMyDefenseSlot(_ctx, { params, actor }) {
      const app = await loadApplication(models, params.id, actor, 'defense.readOwn')
      return presentApplicantSlot(await models.DefenseSlot.findOne({ applicationId: app._id }, { pendingEffects: 0 }).lean<DefenseSlotRecord>())
    },

    async confirmDefenseSlot(_ctx, { params, actor }) {
      const application = await loadApplication(models, params.id, actor, 'defense.confirm')
      return presentApplicantSlot(await defenseSlotConfirmer({ models, logger, application, actor }))
    },

    async requestSiteVisit(_ctx, { params, body, actor }) {
      const application = await loadSubmittedApplication(models, params.id, actor, 'siteVisit.manage')
      return presentVisit(await siteVisitRequester({ models, logger, application, input: body, actor }))
    },

    async listSiteVisits(_ctx, { params, actor }) {
      await loadCall(models, params.id, actor, 'siteVisit.manage')
      const visits = await models.SiteVisit.find({ callId: oid(params.id) }, { pendingEffects: 0 }).sort({ createdAt: -1 }).limit(500).lean<SiteVisitRecord[]>()
      return { items: await presentSiteVisits(models, visits) }
    },

    async saveSiteVisit(_ctx, { params, body, actor }) {
      const visit = await loadSiteVisit(models, params.id, actor, 'siteVisit.manage')
      return presentVisit(await siteVisitSaver({ models, logger, visit, input: body, actor }))
    },

    async completeSiteVisit(_ctx, { params, body, actor }) {
      const visit = await loadSiteVisit(models, params.id, actor, 'siteVisit.manage')
      return presentVisit(await siteVisitCompleter({ models, logger, visit, input: body, actor }))
    },

    async downloadSiteVisitFile(_ctx, { params, actor }) {
      const visit = await loadSiteVisit(models, params.id, actor, 'siteVisit.manage')
      return downloadAttachment(models, storage, params.attachmentId, [{ type: 'siteVisit', id: visit._id }])
    },
  }
}
