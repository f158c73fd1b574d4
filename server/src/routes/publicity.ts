import mongoose from 'mongoose'
import { PUBLICITY_FEED_SIZE, PUBLICITY_STATE_LABELS } from '@zlbg/shared'
import { publicityPreview, publicityStarter } from '../commands/publicity/publicityStarter'
import { findPage, mapPage } from '../db/paged'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { PublicityRecord } from '../models/publicity'
import { publicityAtomFeed, publicityJsonFeed } from '../presenters/publicity/feed'
import { callTitles, presentPublicities, presentPublicity, presentWindow } from '../presenters/publicity/publicity'

type Names = 'listPublicity' | 'getPublicity' | 'publicityFeedJson' | 'publicityFeedAtom' | 'listOfficePublicity' | 'previewPublicity' | 'startPublicity'

// Newest first; `_id` last so a page boundary never shows a list twice.
const NEWEST = { publishedAt: -1, _id: -1 } as const
// Bookkeeping the public never sees.
const PUBLIC_FIELDS = { pendingEffects: 0 } as const

/** Publicity (公示, 第十八条): public lists and feeds (cached under the 'publicity' stamp, app.ts), and the office publishing one. */
export function publicityHandlers(models: Models, { logger, publicBaseUrl }: { logger: Logger; publicBaseUrl: string }): Pick<Handlers, Names> {
  const { Publicity } = models
  const newest = async () => presentPublicities(models, await Publicity.find({}, PUBLIC_FIELDS).sort(NEWEST).limit(PUBLICITY_FEED_SIZE).lean<PublicityRecord[]>())

  return {
    async listPublicity(_ctx, { query }) {
      const found = await findPage<PublicityRecord>(Publicity, {}, query, { sort: NEWEST, projection: PUBLIC_FIELDS })
      return mapPage(found, (docs) => presentPublicities(models, docs))
    },

    async getPublicity(_ctx, { params }) {
      const doc = await Publicity.findById(params.id, PUBLIC_FIELDS).lean<PublicityRecord>()
      if (!doc) throw new AppError('PUBLICITY_NOT_FOUND')
      const [title] = (await callTitles(models, [doc])).values()
      return presentPublicity(doc, title ?? '')
    },

    async publicityFeedJson() {
      return publicityJsonFeed(await newest(), publicBaseUrl)
    },

    async publicityFeedAtom() {
      return publicityAtomFeed(await newest(), publicBaseUrl)
    },

    // Calls with recommended applications waiting for a list, or with a list: newest call first.
    async listOfficePublicity(_ctx, { query }) {
      const waiting = await models.Application.aggregate<{ _id: mongoose.Types.ObjectId; n: number }>([
        { $match: { state: 'recommended' } },
        { $group: { _id: '$callId', n: { $sum: 1 } } },
      ])
      const lists = await Publicity.find({}, { callId: 1, state: 1, window: 1, 'entries.status': 1 }).lean()
      const ids = [...new Set([...waiting.map((w) => w._id.toHexString()), ...lists.map((l) => l.callId.toHexString())])]
      const found = await findPage<{ _id: mongoose.Types.ObjectId; title: string }>(
        models.Call,
        { _id: { $in: ids.map((id) => new mongoose.Types.ObjectId(id)) } },
        query,
        { sort: { publishedAt: -1, _id: -1 }, projection: { title: 1 } },
      )
      return mapPage(found, (calls) =>
        calls.map((c) => {
          const list = lists.find((l) => l.callId.equals(c._id))
          const count = (status: string) => list?.entries.filter((e) => e.status === status).length ?? 0
          return {
            callId: c._id.toHexString(),
            callTitle: c.title,
            recommendedCount: waiting.find((w) => w._id.equals(c._id))?.n ?? 0,
            ...(list
              ? {
                  publicity: {
                    id: list._id.toHexString(),
                    state: list.state,
                    stateLabel: PUBLICITY_STATE_LABELS[list.state],
                    window: presentWindow(list.window),
                    counts: { listed: count('listed'), withdrawn: count('withdrawn'), passed: count('passed') },
                  },
                }
              : {}),
          }
        }),
      )
    },

    async previewPublicity(_ctx, { params, query }) {
      return publicityPreview(models, { callId: params.id, ...(query.start ? { startDay: query.start } : {}), now: new Date() })
    },

    async startPublicity(ctx, { params, body, actor }) {
      const list = await publicityStarter({ models, actor, callId: params.id, input: body, logger: ctx.state.log ?? logger })
      const [title] = (await callTitles(models, [list])).values()
      return presentPublicity(list, title ?? '')
    },
  }
}
