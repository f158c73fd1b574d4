import mongoose from 'mongoose'
import { siteVisitMachine, type SiteVisitEvent, type SiteVisitSave, type SiteVisitState } from '@zlbg/shared'
import { claimAttachments } from '../../attachments'
import { isDuplicateKey } from '../../db/duplicateKey'
import { AppError, stateConflict } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { SiteVisitRecord } from '../../models/deliberation'
import type { Actor } from '../../policies'
import { applicationTransition } from '../../workflow/application'
import { applyAction, applyCreate, applyTransition } from '../../workflow/transition'
import { notifyApplicantOfReview } from '../deliberations/notices'

const oid = (id: string | mongoose.Types.ObjectId) => new mongoose.Types.ObjectId(String(id))
const visitStep = { resourceType: 'siteVisit', notFound: 'SITE_VISIT_NOT_FOUND' as const, callOf: (d: SiteVisitRecord) => d.callId.toHexString() }

/**
 * The office requests a site visit (现场考察, 第十七条) of an application in defense review, with the
 * reason, the team and the date: the visit is recorded, then the application moves to site_visit
 * (the organization told of the date, not of who comes — 第十三条). Two writes without a
 * transaction, so the order makes a retry finish the job: the open visit is found again (one per
 * application) and the application moved; a request the application's state refuses takes its
 * fresh visit back.
 */
export async function siteVisitRequester({
  models,
  logger,
  application,
  input,
  actor,
  now = new Date(),
}: {
  models: Models
  logger?: Logger
  application: ApplicationRecord
  input: { reason: string; team: string[]; date: string }
  actor: Actor
  now?: Date
}): Promise<SiteVisitRecord> {
  if (application.state !== 'defense_review') throw stateConflict(application.state)
  let visit = await models.SiteVisit.findOne({ applicationId: application._id, slot: 'open' }, { pendingEffects: 0 }).lean<SiteVisitRecord>()
  let fresh = false
  if (!visit) {
    try {
      visit = await applyCreate<SiteVisitRecord>({
        models,
        model: models.SiteVisit,
        actor,
        now,
        ...(logger ? { logger } : {}),
        resourceType: 'siteVisit',
        to: siteVisitMachine.initial,
        doc: {
          _id: new mongoose.Types.ObjectId(),
          callId: application.callId,
          applicationId: application._id,
          state: siteVisitMachine.initial,
          slot: 'open',
          reason: input.reason,
          team: input.team,
          date: input.date,
          findings: '',
          conclusion: '',
          attachments: [],
          ...(actor.userId ? { requestedBy: oid(actor.userId) } : {}),
        },
      })
      fresh = true
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      visit = (await models.SiteVisit.findOne({ applicationId: application._id, slot: 'open' }, { pendingEffects: 0 }).lean<SiteVisitRecord>())!
    }
  }
  try {
    await applicationTransition({
      models,
      id: application._id,
      event: 'requestSiteVisit',
      reason: visit.reason,
      actor,
      now,
      ...(logger ? { logger } : {}),
      effects: { notifyApplicant: notifyApplicantOfReview(models, { event: 'requestSiteVisit', date: visit.date }) },
    })
  } catch (err) {
    if (fresh) await models.SiteVisit.deleteOne({ _id: visit._id, state: 'requested' })
    throw err
  }
  return visit
}

/** The write-up while the visit is under way: team, date, findings, conclusion, files (office only). */
export async function siteVisitSaver({ models, logger, visit, input, actor, now = new Date() }: { models: Models; logger?: Logger; visit: SiteVisitRecord; input: SiteVisitSave; actor: Actor; now?: Date }): Promise<SiteVisitRecord> {
  const attachments = input.attachments ?? []
  await claimAttachments(models, actor, attachments, { type: 'siteVisit', id: visit._id }, (i) => `attachments.${i}.attachmentId`)
  return applyAction({
    models,
    model: models.SiteVisit,
    id: visit._id,
    machine: siteVisitMachine,
    action: 'edit',
    actor,
    now,
    ...(logger ? { logger } : {}),
    ...visitStep,
    set: { team: input.team, date: input.date, findings: input.findings ?? '', conclusion: input.conclusion ?? '', attachments },
  })
}

/**
 * Completes the visit with its findings and conclusion, and the application returns to defense
 * review for the committee's decision (第十七条). The visit first; a retry after a crash between the
 * two finds it completed and moves the application only.
 */
export async function siteVisitCompleter({ models, logger, visit, input, actor, now = new Date() }: { models: Models; logger?: Logger; visit: SiteVisitRecord; input: SiteVisitSave; actor: Actor; now?: Date }): Promise<SiteVisitRecord> {
  let done = visit
  if (visit.state === 'requested') {
    if (!input.findings?.trim() || !input.conclusion?.trim()) {
      throw new AppError('SITE_VISIT_INCOMPLETE', {
        fields: [
          ...(input.findings?.trim() ? [] : [{ path: 'findings', message: '请填写考察发现' }]),
          ...(input.conclusion?.trim() ? [] : [{ path: 'conclusion', message: '请填写考察结论' }]),
        ],
      })
    }
    const attachments = input.attachments ?? []
    await claimAttachments(models, actor, attachments, { type: 'siteVisit', id: visit._id }, (i) => `attachments.${i}.attachmentId`)
    const step = await applyTransition<SiteVisitState, SiteVisitEvent, SiteVisitRecord>({
      models,
      model: models.SiteVisit,
      machine: siteVisitMachine,
      id: visit._id,
      event: 'complete',
      actor,
      now,
      ...(logger ? { logger } : {}),
      ...visitStep,
      set: { slot: `done:${visit._id.toHexString()}`, team: input.team, date: input.date, findings: input.findings, conclusion: input.conclusion, attachments, completedAt: now },
    })
    done = step.doc
  }
  const app = await models.Application.findById(visit.applicationId, { state: 1 }).lean()
  if (app?.state === 'site_visit') {
    await applicationTransition({ models, id: visit.applicationId, event: 'completeSiteVisit', actor, now, ...(logger ? { logger } : {}) })
  }
  return done
}
