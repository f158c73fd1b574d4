import { listingMachine, type ListingEvent, type ListingState } from '@zlbg/shared'
import mongoose from 'mongoose'
import { isDuplicateKey } from '../../db/duplicateKey'
import { publicChange } from '../../db/publicVersion'
import { AppError, stateConflict } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { ListingRecord } from '../../models/listing'
import type { PublicityRecord } from '../../models/publicity'
import type { Actor } from '../../policies'
import { applicationTransition } from '../../workflow/application'
import { applyTransition } from '../../workflow/transition'
import { ensureListedOrganization, experienceKey, refreshListedOrganization } from './listedRecords'
import { moveDecidedApplications } from './approval'
import { alreadyToldByTheListing, listingPublishedNotices } from './notices'

/**
 * The listed records of one approved application (第十九条): its listed organization (credit code,
 * account-side organization, province), its ListedExperience (key experienceKey.publication: a second
 * run finds it), the organization's counts and listed status; then the application's `publish` step.
 * The experience is made before the step, so a run cut short in between is completed by the next one.
 * What the public reads — organization, title, sector, region — is the publicity entry the approver
 * approved; the summary is the application's.
 */
async function listApplication(
  models: Models,
  { listing, app, entry, actor, now, logger }: { listing: ListingRecord; app: ApplicationRecord; entry: PublicityRecord['entries'][number] | undefined; actor: Actor; now: Date; logger?: Logger },
): Promise<boolean> {
  // Only what the approver's decision has reached: an application still waiting for its move is not listed.
  if (app.state !== 'approved' && app.state !== 'published') return false
  const organizationName = entry?.organizationName ?? app.organizationName ?? ''
  const provinceCode = entry?.provinceCode ?? app.provinceCode
  const org = await ensureListedOrganization(models, {
    name: organizationName,
    ...(app.creditCode ? { creditCode: app.creditCode } : {}),
    organizationId: app.organizationId,
    ...(provinceCode ? { provinceCode } : {}),
  })
  const summary = app.content.summary?.trim()
  const sector = entry?.sector ?? app.sector
  try {
    await models.ListedExperience.create({
      key: experienceKey.publication(app._id),
      year: listing.year,
      source: 'publication',
      state: 'listed',
      listedOrganizationId: org._id,
      organizationName,
      ...(org.creditCode ? { creditCode: org.creditCode } : {}),
      title: entry?.title ?? (app.content.title?.trim() || '（未填写经验名称）'),
      ...(summary ? { summary } : {}),
      ...(sector ? { sector } : {}),
      ...(provinceCode ? { provinceCode } : {}),
      callId: listing.callId,
      listingId: listing._id,
      applicationId: app._id,
      organizationId: app.organizationId,
      publishedAt: listing.publication?.at ?? now,
    })
  } catch (err) {
    // Made by an earlier run (or a concurrent one): the key is the application's.
    if (!isDuplicateKey(err)) throw err
  }
  await refreshListedOrganization(models, org._id)
  if (app.state !== 'approved') return false
  try {
    await applicationTransition({ models, id: app._id, event: 'publish', actor, now, effects: { notifyApplicant: alreadyToldByTheListing }, ...(logger ? { logger } : {}) })
    return true
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'STATE_CONFLICT')) throw err
    return false
  }
}

/** The approver who signed the listing, as the actor applying the decisions their signature holds. */
const signerOf = (listing: ListingRecord): Actor => ({ userId: listing.approval.by.toHexString(), displayName: listing.approval.name, roles: ['approver'], organizationIds: [] })

/** Whether a published listing still has work left: an approved application not yet published, or one without its listed experience. */
async function unfinished(models: Models, listing: ListingRecord): Promise<boolean> {
  const ids = listing.approvedApplicationIds
  if (await models.Application.exists({ _id: { $in: ids }, state: 'approved' })) return true
  return (await models.ListedExperience.countDocuments({ key: { $in: ids.map((id) => experienceKey.publication(id)) } })) < ids.length
}

/**
 * The office publishes a call's approved list (第十九条), all inside publicChange(connection,
 * 'listing'): the listing's `publish` step first (signed, audited, every approved organization told —
 * listingMachine's notifyOrganizations), then for each approved application its listed records and its
 * own `publish` step, which make the organization listed (`listed_org_member` for its members). The
 * listing is published first so nothing is public before the signature; a run cut short after it is
 * completed by publishing again. Published and complete: 409 STATE_CONFLICT (published).
 */
export async function listingPublisher({ models, actor, callId, now = new Date(), logger }: { models: Models; actor: Actor; callId: string; now?: Date; logger?: Logger }): Promise<ListingRecord> {
  if (!actor.userId) throw new Error('publishing a list needs a signed-in person')
  const call = await models.Call.exists({ _id: callId, state: { $ne: 'draft' } })
  if (!call) throw new AppError('CALL_NOT_FOUND')
  let listing = await models.Listing.findOne({ callId: call._id }).lean<ListingRecord>()
  if (!listing) throw new AppError('LISTING_NOT_FOUND')
  const options = logger ? { logger } : {}
  // A sign cut short after the listing was written left decisions unapplied: they are the approver's,
  // signed and recorded, so they are applied now as the signer's (their audit names the signer) before
  // anything is published — never an entry listed whose application the signature had not yet moved.
  await moveDecidedApplications(models, listing, { actor: signerOf(listing), now, ...options })

  return publicChange(
    models.Listing.db,
    'listing',
    async () => {
      if (listing!.state === 'approved') {
        try {
          const done = await applyTransition<ListingState, ListingEvent, ListingRecord>({
            models,
            model: models.Listing,
            id: listing!._id,
            machine: listingMachine,
            event: 'publish',
            actor,
            now,
            resourceType: 'listing',
            notFound: 'LISTING_NOT_FOUND',
            callOf: (d) => d.callId.toHexString(),
            set: { publication: { by: new mongoose.Types.ObjectId(actor.userId), name: actor.displayName ?? '质量标杆工作办公室', at: now } },
            effects: { notifyOrganizations: listingPublishedNotices(models) },
            ...options,
          })
          listing = done.doc
        } catch (err) {
          // Published by another request meanwhile: complete what is left, like a retry.
          if (!(err instanceof AppError && err.code === 'STATE_CONFLICT')) throw err
          listing = (await models.Listing.findById(listing!._id).lean<ListingRecord>())!
        }
      } else if (!(await unfinished(models, listing!))) {
        throw stateConflict('published')
      }
      const current = listing!
      const list = await models.Publicity.findOne({ callId: current.callId }, { entries: 1 }).lean<PublicityRecord>()
      const apps = await models.Application.find({ _id: { $in: current.approvedApplicationIds } }).lean<ApplicationRecord[]>()
      for (const app of apps) {
        const entry = list?.entries.find((e) => e.applicationId.equals(app._id))
        await listApplication(models, { listing: current, app, entry, actor, now, ...options })
      }
      return current
    },
    options,
  )
}
