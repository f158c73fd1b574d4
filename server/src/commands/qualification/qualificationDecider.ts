import mongoose from 'mongoose'
import {
  applicationMachine,
  ELIGIBILITY_RULE_LABELS,
  reviewDateOf,
  type ApplicationEvent,
  type FieldError,
  type Precheck,
  type QualificationDecision,
  type ReviewFinding,
} from '@zlbg/shared'
import { AppError, ruleFailed, stateConflict } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { Actor } from '../../policies'
import { applicationTransition } from '../../workflow/application'
import { notifyApplicantOf, type QualificationOutcome } from '../applications/applicantNotices'

type StoredFinding = NonNullable<ApplicationRecord['findings']>[number]

/** The instant a supplement request lapses: the end of its deadline day in Asia/Shanghai (第十五条). */
export function supplementDeadlineInstant(localDate: string): Date {
  return new Date(`${localDate}T23:59:59.999+08:00`)
}

/**
 * A finding that contradicts the automatic pass or fail needs the reviewer's reason; a 'judgement'
 * item has no automatic outcome to contradict (第十五条: the reviewer confirms or overrides each item).
 */
export function overridesWithoutReason(findings: readonly ReviewFinding[], precheck: Precheck | undefined): FieldError[] {
  return findings.flatMap((f, i) => {
    const automatic = precheck?.results.find((r) => r.rule === f.rule)?.outcome
    const overrides = (automatic === 'pass' || automatic === 'fail') && automatic !== f.outcome
    return overrides && (f.reason?.length ?? 0) < 2
      ? [{ path: `body.findings.${i}.reason`, message: '与自动预审结果不同，请填写理由' }]
      : []
  })
}

function stored(findings: readonly ReviewFinding[], actor: Actor, at: Date): StoredFinding[] {
  return findings.map((f) => ({
    rule: f.rule,
    outcome: f.outcome,
    ...(f.reason ? { reason: f.reason } : {}),
    by: actor.displayName ?? '办公室',
    byUserId: new mongoose.Types.ObjectId(actor.userId),
    at,
  }))
}

/**
 * A reviewer's decision in qualification review (第十五条), from qualification_review or from an
 * overdue supplement: qualified; not qualified, with a reason per failed condition of 第八条 that the
 * organization reads; or a supplement request with the sections to fix, a message and a deadline.
 * One conditional update carries the state, the findings, the audit record and the members' notices
 * (workflow/transition.ts): of two reviewers deciding at once, one wins and the other gets 409.
 */
export async function qualificationDecider({
  models,
  logger,
  id,
  actor,
  decision,
  now = new Date(),
}: {
  models: Models
  logger?: Logger
  id: string
  actor: Actor
  decision: QualificationDecision
  now?: Date
}): Promise<ApplicationRecord> {
  const doc = await models.Application.findById(id, { state: 1, precheck: 1 }).lean<Pick<ApplicationRecord, 'state' | 'precheck'>>()
  if (!doc) throw new AppError('APPLICATION_NOT_FOUND')
  const event: ApplicationEvent = decision.decision
  // A decision on an application no longer under review is a conflict, whatever its findings say.
  if (!applicationMachine.table[doc.state][event]) throw stateConflict(doc.state)

  const problems = overridesWithoutReason(decision.findings ?? [], doc.precheck)
  if (decision.decision === 'requestSupplement' && decision.deadline <= reviewDateOf(now)) {
    problems.push({ path: 'body.deadline', message: '补正期限应晚于今天' })
  }
  // Judged against the stored pre-check and today's date: rules the document cannot state (422).
  if (problems.length) throw ruleFailed(problems)

  const findings = decision.findings ? { findings: stored(decision.findings, actor, now) } : {}
  let outcome: QualificationOutcome
  let reason: string | undefined
  let set: Record<string, unknown>
  let unset: string[] = []
  switch (decision.decision) {
    case 'qualify':
      outcome = { event: 'qualify' }
      set = findings
      unset = ['supplement']
      break
    case 'disqualify': {
      // The organization reads these (第十五条), one per failed condition; the reviewer is not named.
      const reasons = decision.findings
        .filter((f) => f.outcome === 'fail')
        .map((f) => ({ condition: ELIGIBILITY_RULE_LABELS[f.rule].label, reason: f.reason ?? '' }))
      outcome = { event: 'disqualify', reasons }
      reason = reasons.map((r) => `${r.condition}：${r.reason}`).join('；')
      set = { ...findings, ineligibleReasons: reasons }
      unset = ['supplement']
      break
    }
    case 'requestSupplement': {
      const deadline = supplementDeadlineInstant(decision.deadline)
      outcome = { event: 'requestSupplement', message: decision.message, deadline }
      reason = decision.message
      set = { ...findings, supplement: { sections: [...new Set(decision.sections)], message: decision.message, deadline, requestedAt: now } }
      break
    }
  }

  const done = await applicationTransition({
    models,
    id,
    event,
    actor,
    ...(reason ? { reason } : {}),
    effects: { notifyApplicant: notifyApplicantOf(models, outcome) },
    set,
    unset,
    ...(logger ? { logger } : {}),
    now,
  })
  return done.doc
}
