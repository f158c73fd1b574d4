import mongoose from 'mongoose'
import { inShanghai, PAGES, REVIEW_ROUND_LABELS, REVIEW_ROUNDS, ROUND_APPLICATION_STATES, SCORE_REMINDER_DAYS_BEFORE, type ReviewRound } from '@zlbg/shared'
import { noticesToExperts } from '../commands/committees/reviewNotices'
import type { Logger } from '../logger'
import type { Models } from '../models'
import { notify } from '../outbox/enqueue'
import type { JobDefinition } from './runner'

/** The outbox key's occasion: one reminder per expert, call and round, however often the job runs. */
export const scoreReminderKey = (callId: string, round: ReviewRound) => `scoreReminder:${callId}:${round}`

/** The rounds whose last scoring day (Asia/Shanghai) is today or within the next SCORE_REMINDER_DAYS_BEFORE days. */
async function roundsDue(models: Models, now: Date): Promise<{ callId: mongoose.Types.ObjectId; round: ReviewRound; deadline: string }[]> {
  const today = inShanghai(now).format('YYYY-MM-DD')
  const until = inShanghai(now).add(SCORE_REMINDER_DAYS_BEFORE, 'day').format('YYYY-MM-DD')
  const window = { $gte: today, $lte: until }
  const plans = await models.ReviewPlan.find({ $or: REVIEW_ROUNDS.map((r) => ({ [`${r}.deadline`]: window })) }, { callId: 1, 'material.deadline': 1, 'defense.deadline': 1 }).limit(500).lean()
  const due = plans.flatMap((p) => REVIEW_ROUNDS.filter((r) => p[r]?.deadline && p[r].deadline! >= today && p[r].deadline! <= until).map((round) => ({ callId: p.callId, round, deadline: p[round].deadline! })))
  // The material round falls back on the committee's review deadline when the plan names none.
  const committees = await models.Committee.find({ state: 'reviewing', reviewDeadline: window }, { callId: 1, reviewDeadline: 1 }).limit(500).lean()
  for (const c of committees) {
    if (due.some((d) => d.callId.equals(c.callId) && d.round === 'material')) continue
    const plan = plans.find((p) => p.callId.equals(c.callId)) ?? (await models.ReviewPlan.findOne({ callId: c.callId }, { 'material.deadline': 1 }).lean())
    if (!plan?.material?.deadline) due.push({ callId: c.callId, round: 'material', deadline: c.reviewDeadline! })
  }
  return due
}

/**
 * 第十六条, 第十七条: before a round's deadline, each expert with an assignment in the round whose
 * score is not submitted is reminded once (the outbox key names expert, call and round, so runs on
 * every instance and every hour queue it once). The runner holds the job's lease while it runs.
 */
export function scoreReminderJob(logger?: Logger): JobDefinition {
  return {
    name: 'review.scoreReminders',
    everyMs: 60 * 60_000,
    async run({ models, now, signal }) {
      const at = now()
      let queued = 0
      for (const { callId, round, deadline } of await roundsDue(models, at)) {
        if (signal.aborted) break
        const apps = await models.Application.find({ callId, state: { $in: ROUND_APPLICATION_STATES[round] } }, { _id: 1 }).lean()
        if (!apps.length) continue
        const assignments = await models.Assignment.find({ callId, state: 'active', applicationId: { $in: apps.map((a) => a._id) } }, { expertId: 1 }).lean()
        const submitted = new Set(
          (await models.Score.find({ callId, round, state: 'submitted', assignmentId: { $in: assignments.map((a) => a._id) } }, { assignmentId: 1 }).lean()).map((s) => s.assignmentId.toHexString()),
        )
        const open = new Map<string, number>()
        for (const a of assignments) if (!submitted.has(a._id.toHexString())) open.set(a.expertId.toHexString(), (open.get(a.expertId.toHexString()) ?? 0) + 1)
        if (!open.size) continue
        const call = await models.Call.findById(callId, { title: 1 }).lean()
        const title = call?.title ?? ''
        const notices = []
        for (const [expertId, count] of open) {
          notices.push(
            ...(await noticesToExperts(models, [expertId], () => ({
              kind: 'score.reminder',
              content: {
                title: `${REVIEW_ROUND_LABELS[round]}评分即将截止`,
                body: `《${title}》${REVIEW_ROUND_LABELS[round]}将于 ${deadline} 截止，您还有 ${count} 件申报的评分未提交，请尽快完成。`,
                link: `${PAGES.expertAssignments}?callId=${callId.toHexString()}`,
                status: `截止 ${deadline}`,
              },
            }))),
          )
        }
        const res = await notify(models, notices, { keyPrefix: scoreReminderKey(callId.toHexString(), round), cause: { type: 'call', id: callId.toHexString() }, now: at })
        queued += res.queued
      }
      if (queued) logger?.info({ queued }, 'score reminders queued')
      return `reminders ${queued}`
    },
  }
}
