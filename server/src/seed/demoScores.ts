import type mongoose from 'mongoose'
import { CRITERIA, DEFAULT_REVIEW_PLAN, type CallRole } from '@zlbg/shared'
import { materialRoundStarter } from '../commands/scoring/materialRoundStarter'
import { reviewPlanSaver, rubricOf } from '../commands/scoring/reviewPlan'
import { scoreDraftSaver, scoreReopener, scoreSubmitter } from '../commands/scoring/scores'
import type { Models } from '../models'
import type { AssignmentRecord } from '../models/committee'
import type { Actor } from '../policies'
import { DEMO_EXPERT_ACCOUNTS } from './demoReview'

const COMMENTS = [
  '该经验以卓越绩效模式为主线，方法运用系统完整，过程数据翔实，质量与效益指标改善明显，对同行业具有较好的借鉴价值。',
  '方法选择与组织实际结合紧密，改进路径清晰，成效可衡量；建议进一步说明推广条件和持续改进机制。',
  '经验具有一定创新性，但部分成效数据缺少对照基线，示范性论证略显不足，建议答辩时重点说明。',
  '质量管理方法运用规范，与管理体系融合较好，形成了可复制的工作模式，发展前景良好。',
]

/**
 * Demo scores (第十六条) for a fresh local database, after seedDemoReview: the demo call's review
 * settings saved, its material round started, and most scores submitted through the same commands as
 * the API — a few left as drafts, one reopened by the office with its reason. The demo expert account
 * 郑立新 (zhuanjia) is left untouched, so a newcomer signs the pledge and scores on the phone layout.
 * Experts without an account score as themselves (their place in the call given, not resolved from a
 * session). Returns the number of scores made (0 when there are scores already or no review).
 */
export async function seedDemoScores(models: Models, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  if ((await models.Score.estimatedDocumentCount()) > 0) return 0
  const committee = await models.Committee.findOne({ state: 'reviewing' }).sort({ createdAt: -1 }).lean()
  if (!committee) return 0
  const callId = committee.callId as mongoose.Types.ObjectId
  const office: Actor = { displayName: '演示数据', roles: ['office'], organizationIds: [] }

  await reviewPlanSaver({
    models,
    actor: office,
    callId,
    now,
    input: { ...DEFAULT_REVIEW_PLAN, disagreementThreshold: 6, material: { ...DEFAULT_REVIEW_PLAN.material, ...(committee.reviewDeadline ? { deadline: committee.reviewDeadline } : {}) } },
  })
  await materialRoundStarter({ models, actor: office, callId, now })

  const skip = new Set((await models.Expert.find({ name: { $in: DEMO_EXPERT_ACCOUNTS.filter((a) => a.username === 'zhuanjia').map((a) => a.name) } }, { _id: 1 }).lean()).map((e) => e._id.toHexString()))
  const inRound = new Set((await models.Application.find({ callId, state: 'material_review' }, { _id: 1 }).lean()).map((a) => a._id.toHexString()))
  const assignments = (await models.Assignment.find({ callId, state: 'active' }).sort({ createdAt: 1, _id: 1 }).lean<AssignmentRecord[]>()).filter(
    (a) => inRound.has(a.applicationId.toHexString()) && !skip.has(a.expertId.toHexString()),
  )
  const experts = new Map((await models.Expert.find({ _id: { $in: assignments.map((a) => a.expertId) } }, { name: 1 }).lean()).map((e) => [e._id.toHexString(), e.name]))
  const rubric = rubricOf(await models.ReviewPlan.findOne({ callId }).lean(), 'material')
  const apps = [...inRound]

  let made = 0
  let reopened = false
  for (const [n, assignment] of assignments.entries()) {
    const roles: CallRole[] = ['assigned_expert']
    const expert: Actor = {
      displayName: experts.get(assignment.expertId.toHexString()) ?? '评审专家',
      roles: ['expert'],
      organizationIds: [],
      call: { id: callId.toHexString(), roles, expertId: assignment.expertId.toHexString(), assignmentIds: [assignment._id.toHexString()] },
    }
    // Scores spread around each application's level, so the ranking has something to rank.
    const level = apps.indexOf(assignment.applicationId.toHexString())
    const points = Object.fromEntries(CRITERIA.map((c, i) => [c, Math.max(0, rubric[i]!.maxPoints - ((level * 2 + n + i) % 7))]))
    const write = { models, actor: expert, assignment, round: 'material' as const, points, comment: COMMENTS[n % COMMENTS.length]!, now }
    if (n % 6 === 5) {
      // A few still being worked on: drafts, part of the items scored.
      await scoreDraftSaver({ ...write, points: { scientific: points.scientific!, innovative: points.innovative! }, comment: '初步意见：' })
    } else {
      const score = await scoreSubmitter(write)
      if (!reopened && n >= 2) {
        await scoreReopener({ models, actor: office, score, reason: '创新性评分与评语中“创新不足”的结论不一致，请核实后重新提交', now })
        reopened = true
      }
    }
    made++
  }
  return made
}
