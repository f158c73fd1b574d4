import mongoose from 'mongoose'
import { downloadAttachment } from '../attachments'
import { eventStepper } from '../commands/events/eventStepper'
import { eventCreator, eventUpdater } from '../commands/events/eventWriter'
import { registrar } from '../commands/events/registrar'
import { registrationCanceller } from '../commands/events/registrationCanceller'
import { findPage, mapPage } from '../db/paged'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { EventRecord, RegistrationRecord } from '../models/event'
import { loadEvent, loadOwnRegistration, ownRegistrations } from '../policies/eventLoaders'
import {
  presentMyRegistrations,
  presentOfficeEvent,
  presentOfficeEventRows,
  presentOfficeRegistrations,
  presentPublicEvent,
  presentPublicEventRow,
} from '../presenters/events/events'
import type { FileStorage } from '../storage'
import type { ContentSecurity } from '../wechat/contentSecurity'

type Names =
  | 'listEvents'
  | 'getEvent'
  | 'downloadEventMaterial'
  | 'registerForEvent'
  | 'listMyEventRegistrations'
  | 'listMyRegistrations'
  | 'cancelRegistration'
  | 'listOfficeEvents'
  | 'createEvent'
  | 'getOfficeEvent'
  | 'updateEvent'
  | 'stepEvent'
  | 'listEventRegistrations'

const oid = (id: string) => new mongoose.Types.ObjectId(id)
// Newest first; `_id` last so a page boundary never shows an event twice.
const NEWEST = { startsAt: -1, _id: -1 } as const
const HIDDEN = { pendingEffects: 0 } as const
/** What the public sees: never a draft. */
const PUBLIC_STATES = ['published', 'registration_closed', 'held', 'cancelled']

/** Exchange events (交流活动, 第二十条): route → command → presenter. The public reads are cached under the `events` stamp (app.ts). */
export function eventHandlers(
  models: Models,
  { contentSecurity, storage, logger, clock }: { contentSecurity: ContentSecurity; storage: FileStorage; logger: Logger; clock?: () => Date },
): Pick<Handlers, Names> {
  const now = () => (clock ? clock() : new Date())
  const office = async (id: string) => {
    const doc = mongoose.isValidObjectId(id) ? await models.Event.findById(id, HIDDEN).lean<EventRecord>() : null
    if (!doc) throw new AppError('EVENT_NOT_FOUND')
    return doc
  }

  return {
    async listEvents(_ctx, { query }) {
      const page = await findPage<EventRecord>(models.Event, { state: { $in: PUBLIC_STATES } }, query, { sort: NEWEST, projection: HIDDEN })
      return mapPage(page, (items) => items.map(presentPublicEventRow))
    },

    async getEvent(_ctx, { params }) {
      const doc = mongoose.isValidObjectId(params.id) ? await models.Event.findOne({ _id: oid(params.id), state: { $in: PUBLIC_STATES } }, HIDDEN).lean<EventRecord>() : null
      if (!doc) throw new AppError('EVENT_NOT_FOUND')
      return presentPublicEvent(models, doc)
    },

    async downloadEventMaterial(_ctx, { params, actor }) {
      const event = await loadEvent(models, params.id, actor)
      if (!event.materialIds.some((m) => m.toHexString() === params.attachmentId)) throw new AppError('ATTACHMENT_NOT_FOUND')
      return downloadAttachment(models, storage, params.attachmentId, [{ type: 'event', id: event._id }])
    },

    async registerForEvent(ctx, { params, body, actor }) {
      if (!mongoose.isValidObjectId(params.id)) throw new AppError('EVENT_NOT_FOUND')
      const regs = await registrar({ models, contentSecurity, actor, eventId: params.id, input: body, ...(clock ? { clock } : {}), logger: ctx.state.log ?? logger })
      const items = await presentMyRegistrations(models, regs, now())
      return { items, confirmed: items.filter((r) => r.state === 'confirmed').length, waitlisted: items.filter((r) => r.state === 'waitlisted').length }
    },

    async listMyEventRegistrations(_ctx, { params, actor }) {
      const event = await loadEvent(models, params.id, actor)
      const regs = await models.Registration.find({ eventId: event._id, ...ownRegistrations(actor) }, HIDDEN).sort({ createdAt: 1, _id: 1 }).limit(200).lean<RegistrationRecord[]>()
      return { items: await presentMyRegistrations(models, regs, now()) }
    },

    async listMyRegistrations(_ctx, { query, actor }) {
      const page = await findPage<RegistrationRecord>(models.Registration, ownRegistrations(actor), query, { sort: { createdAt: -1, _id: -1 }, projection: HIDDEN })
      return mapPage(page, (items) => presentMyRegistrations(models, items, now()))
    },

    async cancelRegistration(ctx, { params, actor }) {
      const registration = await loadOwnRegistration(models, params.id, actor)
      const doc = await registrationCanceller({ models, actor, registration, ...(clock ? { clock } : {}), logger: ctx.state.log ?? logger })
      return (await presentMyRegistrations(models, [doc], now()))[0]!
    },

    async listOfficeEvents(_ctx, { query }) {
      const page = await findPage<EventRecord>(models.Event, query.state ? { state: query.state } : {}, query, { sort: NEWEST, projection: HIDDEN })
      return mapPage(page, (items) => presentOfficeEventRows(models, items))
    },

    async createEvent(ctx, { body, actor }) {
      return presentOfficeEvent(models, await eventCreator({ models, actor, input: body, now: now(), logger: ctx.state.log ?? logger }), actor)
    },

    async getOfficeEvent(_ctx, { params, actor }) {
      return presentOfficeEvent(models, await office(params.id), actor)
    },

    async updateEvent(ctx, { params, body, actor }) {
      await office(params.id)
      const doc = await eventUpdater({ models, actor, id: params.id, input: body.event, ...(body.notice ? { note: body.notice } : {}), now: now(), logger: ctx.state.log ?? logger })
      return presentOfficeEvent(models, doc, actor)
    },

    async stepEvent(ctx, { params, body, actor }) {
      await office(params.id)
      const doc = await eventStepper({ models, actor, id: params.id, step: body.event, ...(body.reason ? { reason: body.reason } : {}), now: now(), logger: ctx.state.log ?? logger })
      return presentOfficeEvent(models, doc, actor)
    },

    async listEventRegistrations(_ctx, { params, query, actor }) {
      const event = await office(params.id)
      const filter = { eventId: event._id, ...(query.state ? { state: query.state } : {}) }
      // The waitlist in its order; otherwise first registered first.
      const sort: Record<string, 1 | -1> = query.state === 'waitlisted' ? { waitSeq: 1, _id: 1 } : { createdAt: 1, _id: 1 }
      const page = await findPage<RegistrationRecord>(models.Registration, filter, query, { sort, projection: HIDDEN })
      return mapPage(page, (items) => presentOfficeRegistrations(models, items, actor))
    },
  }
}
