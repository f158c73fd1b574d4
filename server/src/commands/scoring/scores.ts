import mongoose from 'mongoose'
import {
  CRITERIA,
  CRITERION_SCORE_LABELS,
  PAGES,
  REVIEW_ROUND_LABELS,
  openRoundOf,
  scoreMachine,
  type Machine,
  type ReviewRound,
  type Role,
  type RubricItem,
  type ScoreAction,
  type ScoreEvent,
  type ScoreState,
} from '@zlbg/shared'
import { isDuplicateKey } from '../../db/duplicateKey'
import { AppError } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { AssignmentRecord } from '../../models/committee'
import type { PointsRecord, ScoreRecord } from '../../models/review'
import type { Actor } from '../../policies'
import { applyAction, applyCreate, applyTransition, type TransitionRequest } from '../../workflow/transition'
import { noticesToExperts } from '../committees/reviewNotices'
import { lockRubric, readReviewPlan, rubricOf } from './reviewPlan'

type ScoreStep = Omit<TransitionRequest<ScoreState, ScoreEvent, ScoreRecord, ScoreAction>, 'model' | 'machine' | 'resourceType' | 'notFound' | 'callOf'>

/** A score's step (shared/src/workflow/score.ts), judged with the actor as they act in the score's call. */
// The machine names per-call roles (assigned_expert, group_leader), which the one role function
// answers from actor.call; applyTransition's type only knows account roles, hence the widening cast.
const machine = scoreMachine as unknown as Machine<ScoreState, ScoreEvent, Role, ScoreAction>
const scoreResource = (models: Models) => ({
  model: models.Score,
  machine,
  resourceType: 'score',
  notFound: 'SCORE_NOT_FOUND' as const,
  callOf: (d: ScoreRecord) => d.callId.toHexString(),
})
const scoreTransition = (step: ScoreStep) => applyTransition<ScoreState, ScoreEvent, ScoreRecord, ScoreAction>({ ...step, ...scoreResource(step.models) })

export const sumPoints = (points: PointsRecord) => CRITERIA.reduce((sum, c) => sum + (points[c] ?? 0), 0)

/** Every given item within the rubric's maximum (the schema already refused negatives and fractions). */
export function checkPoints(rubric: readonly RubricItem[], points: PointsRecord): void {
  const over = rubric.filter((item) => (points[item.criterion] ?? 0) > item.maxPoints)
  if (over.length) {
    throw new AppError('SCORE_OUT_OF_RANGE', {
      fields: over.map((item) => ({ path: `points.${item.criterion}`, message: `${CRITERION_SCORE_LABELS[item.criterion]}满分 ${item.maxPoints} 分` })),
    })
  }
}

/** Whether the application is in the round now: material_review (第十六条); defense_review or site_visit (第十七条). */
export const roundOpenFor = (state: string, round: ReviewRound) => openRoundOf(state) === round

async function openRound(models: Models, assignment: AssignmentRecord, round: ReviewRound) {
  const app = await models.Application.findById(assignment.applicationId, { state: 1 }).lean<Pick<ApplicationRecord, 'state'>>()
  if (!app || !roundOpenFor(app.state, round)) throw new AppError('REVIEW_ROUND_NOT_OPEN', { message: `该申报当前不在${REVIEW_ROUND_LABELS[round]}阶段，不能评分` })
}

export const findScore = (models: Models, assignmentId: mongoose.Types.ObjectId, round: ReviewRound) =>
  models.Score.findOne({ assignmentId, round }, { pendingEffects: 0 }).lean<ScoreRecord>()

interface ScoreWrite {
  models: Models
  actor: Actor
  assignment: AssignmentRecord
  round: ReviewRound
  points: PointsRecord
  comment: string
  logger?: Logger
  now?: Date
}

/** The score of the assignment in the round, made as an empty draft (with its audit record) the first time. */
async function scoreOf({ models, actor, assignment, round, logger, now }: ScoreWrite): Promise<ScoreRecord> {
  const existing = await findScore(models, assignment._id, round)
  if (existing) return existing
  try {
    return await applyCreate<ScoreRecord>({
      models,
      model: models.Score,
      actor,
      resourceType: 'score',
      to: scoreMachine.initial,
      ...(logger ? { logger } : {}),
      ...(now ? { now } : {}),
      doc: {
        _id: new mongoose.Types.ObjectId(),
        callId: assignment.callId,
        round,
        assignmentId: assignment._id,
        applicationId: assignment.applicationId,
        groupId: assignment.groupId,
        expertId: assignment.expertId,
        state: scoreMachine.initial,
        points: {},
        comment: '',
        version: 0,
        history: [],
      },
    })
  } catch (err) {
    // The same expert's second tab made it first.
    if (!isDuplicateKey(err)) throw err
    return (await findScore(models, assignment._id, round))!
  }
}

/**
 * Saves the working copy (第十六条): any part may be missing; what is given must be within the rubric.
 * Only a draft or a reopened score is editable (the machine's `edit`); a submitted one is 409.
 */
export async function scoreDraftSaver(write: ScoreWrite): Promise<ScoreRecord> {
  const { models, actor, assignment, round, points, comment, logger, now } = write
  await openRound(models, assignment, round)
  checkPoints(rubricOf(await readReviewPlan(models, assignment.callId), round), points)
  const score = await scoreOf(write)
  return applyAction<ScoreState, ScoreEvent, ScoreRecord, ScoreAction>({
    models,
    ...scoreResource(models),
    id: score._id,
    action: 'edit',
    actor,
    set: { points, comment },
    ...(logger ? { logger } : {}),
    ...(now ? { now } : {}),
  })
}

/**
 * Submits the score (第十六条, 第十七条): every item within the rubric, the comment long enough (the
 * schema), the total fixed, the version counted; the round's rubric is locked from then on. Locked:
 * only a reopening makes it editable again.
 */
export async function scoreSubmitter(write: ScoreWrite): Promise<ScoreRecord> {
  const { models, actor, assignment, round, points, comment, logger, now = new Date() } = write
  await openRound(models, assignment, round)
  checkPoints(rubricOf(await readReviewPlan(models, assignment.callId), round), points)
  const score = await scoreOf(write)
  const done = await scoreTransition({
    models,
    id: score._id,
    event: 'submit',
    actor,
    now,
    where: { version: score.version },
    set: { points, comment, total: sumPoints(points), submittedAt: now, version: score.version + 1 },
    ...(logger ? { logger } : {}),
  })
  await lockRubric(models, assignment.callId, round, now)
  return done.doc
}

/**
 * Reopens a submitted score with a reason (the group leader of its group, or the office): the
 * submitted version goes to the history with who reopened it and why, and the expert is told.
 */
export async function scoreReopener({
  models,
  actor,
  score,
  reason,
  logger,
  now = new Date(),
}: {
  models: Models
  actor: Actor
  score: ScoreRecord
  reason: string
  logger?: Logger
  now?: Date
}): Promise<ScoreRecord> {
  const app = await models.Application.findById(score.applicationId, { 'content.title': 1, state: 1 }).lean<ApplicationRecord>()
  // Once the application has left the round (a deliberation moved it) the expert could not edit a
  // reopened score: it would be stuck out of the figures. The record stays as submitted.
  if (!app || !roundOpenFor(app.state, score.round)) throw new AppError('REVIEW_ROUND_NOT_OPEN', { message: `该申报已不在${REVIEW_ROUND_LABELS[score.round]}阶段，评分不能再退回修改` })
  const title = app.content?.title ?? ''
  const done = await scoreTransition({
    models,
    id: score._id,
    event: 'reopen',
    actor,
    reason,
    now,
    where: { version: score.version },
    push: {
      history: {
        version: score.version,
        points: score.points,
        total: score.total ?? sumPoints(score.points),
        comment: score.comment,
        submittedAt: score.submittedAt ?? now,
        reopenedAt: now,
        ...(actor.userId ? { reopenedBy: new mongoose.Types.ObjectId(actor.userId) } : {}),
        ...(actor.displayName ? { reopenedByName: actor.displayName } : {}),
        reopenReason: reason.trim(),
      },
    },
    ...(logger ? { logger } : {}),
    effects: {
      notifyExpert: () =>
        noticesToExperts(models, [score.expertId], () => ({
          kind: 'score.reopened',
          content: {
            title: `评分已退回修改：${title}`,
            body: `您对《${title}》的${REVIEW_ROUND_LABELS[score.round]}评分已退回修改，原因：${reason.trim()}。请修改后重新提交。`,
            link: `${PAGES.expertScore}?id=${score.assignmentId.toHexString()}&round=${score.round}`,
            status: '已退回修改',
          },
        })),
    },
  })
  return done.doc
}
