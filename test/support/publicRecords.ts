import mongoose from 'mongoose'
import { inShanghai } from '@zlbg/shared'
import { ensureListedOrganization, experienceKey, refreshListedOrganization } from '../../server/src/commands/listing/listedRecords'
import { publicChange } from '../../server/src/db/publicVersion'
import type { Models } from '../../server/src/models'
import type { CallRecord } from '../../server/src/models/call'
import { buildCall } from './factories'

/**
 * Public records as the flows that make them would leave them — a publicity list, a published list
 * (第十九条) and a published removal announcement (第二十一条) — written directly through the models,
 * each inside publicChange like the real writers: the feed and the articles read them, and their own
 * flows are tested where they are built. Dates are relative to `now`.
 */
const DAY = 86_400_000
const someone = new mongoose.Types.ObjectId()
const signature = (at: Date) => ({ by: someone, name: '测试签署人', at })

export async function buildPublicityList(
  db: { models: Models; connection: mongoose.Connection },
  { call, entries, now = new Date() }: { call?: CallRecord; entries: { organizationName: string; title: string; sector?: string; provinceCode?: string }[]; now?: Date },
) {
  const c = call ?? (await buildCall(db.models))
  const opensAt = new Date(now.getTime() - 2 * DAY)
  const closesAt = new Date(now.getTime() + 3 * DAY)
  const day = (d: Date) => inShanghai(d).format('YYYY-MM-DD')
  return publicChange(db.connection, 'publicity', async () =>
    (
      await db.models.Publicity.create({
        callId: c._id,
        state: 'open',
        // Not a real working-day window (workdays.ts has its own tests): only the instants matter here.
        window: { startDay: day(opensAt), endDay: day(closesAt), opensAt, closesAt, workingDays: [day(opensAt), day(closesAt)] },
        entries: entries.map((e) => ({ ...e, applicationId: new mongoose.Types.ObjectId(), status: 'listed' })),
        contact: '对公示名单有异议的，请在公示期内实名提出。联系人：王老师，电话 010-68419999。',
        publishedBy: someone,
        publishedAt: opensAt,
      })
    ).toObject(),
  )
}

export async function buildPublishedListing(
  db: { models: Models; connection: mongoose.Connection },
  { call, entries, now = new Date() }: { call?: CallRecord; entries: { organizationName: string; title: string; sector?: string; provinceCode?: string; summary?: string }[]; now?: Date },
) {
  const c = call ?? (await buildCall(db.models))
  const { models } = db
  return publicChange(db.connection, 'listing', async () => {
    const publishedAt = new Date(now.getTime() - DAY)
    const listing = await models.Listing.create({ callId: c._id, year: c.year, state: 'published', approval: signature(new Date(now.getTime() - 2 * DAY)), publication: signature(publishedAt) })
    const experiences = []
    for (const e of entries) {
      const org = await ensureListedOrganization(models, { name: e.organizationName, ...(e.provinceCode ? { provinceCode: e.provinceCode } : {}) })
      const applicationId = new mongoose.Types.ObjectId()
      experiences.push(
        (
          await models.ListedExperience.create({
            key: experienceKey.publication(applicationId),
            year: c.year,
            source: 'publication',
            state: 'listed',
            listedOrganizationId: org._id,
            ...e,
            callId: c._id,
            listingId: listing._id,
            applicationId,
            publishedAt,
          })
        ).toObject(),
      )
      await refreshListedOrganization(models, org._id)
    }
    return { call: c, listing: listing.toObject(), experiences }
  })
}

/** A removal of `experienceId` whose announcement the office published (第二十一条); the experience marked removed. */
export async function buildPublishedAnnouncement(
  db: { models: Models; connection: mongoose.Connection },
  { experienceId, callId, title, body, now = new Date() }: { experienceId: mongoose.Types.ObjectId; callId: mongoose.Types.ObjectId; title: string; body: string; now?: Date },
) {
  const { models } = db
  return publicChange(db.connection, 'listing', async () => {
    const at = new Date(now.getTime() - DAY / 2)
    const removal = await models.Removal.create({
      listedExperienceId: experienceId,
      callId,
      reasonType: 'fraud',
      facts: '经核实，申报材料中的成效数据与实际不符。',
      state: 'announced',
      proposal: signature(at),
      chairConfirmation: signature(at),
      approverConfirmation: signature(at),
      announcement: { number: `中质协质量标杆公告〔${inShanghai(at).year()}〕1号`, title, body, draftedAt: at, published: signature(now) },
      history: [{ state: 'announced', at: now }],
    })
    await models.ListedExperience.updateOne(
      { _id: experienceId },
      { $set: { state: 'removed', removal: { removalId: removal._id, reasonType: 'fraud', at, announcementPublishedAt: now } } },
    )
    return removal.toObject()
  })
}
