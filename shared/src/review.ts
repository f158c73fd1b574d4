import { z } from 'zod'
import { CRITERIA, type Criterion } from './applications'
import { ObjectIdSchema } from './experts'

/**
 * Review rounds (第十六条 material review, 第十七条 defense review): the rubric of 第六条 each round is
 * scored against, the call's review settings, and the score an expert gives one assignment. The core
 * every part of review shares; scoring, ranking and deliberation add their own schemas beside it.
 */

const Instant = z.iso.datetime({ offset: true })
const LocalDate = z.iso.date('日期格式应为 YYYY-MM-DD')

export const REVIEW_ROUNDS = ['material', 'defense'] as const
export type ReviewRound = (typeof REVIEW_ROUNDS)[number]
export const REVIEW_ROUND_LABELS: Record<ReviewRound, string> = { material: '资料评审', defense: '答辩评审' }
export const REVIEW_ROUND_ARTICLES: Record<ReviewRound, string> = { material: '第十六条', defense: '第十七条' }
export const ReviewRoundSchema = z.enum(REVIEW_ROUNDS, { error: '评审轮次应为 material（资料评审）或 defense（答辩评审）' })

/** The six items of 第六条, as a reviewer scores them. */
export const CRITERION_SCORE_LABELS: Record<Criterion, string> = {
  scientific: '科学性',
  innovative: '创新性',
  systematic: '系统性',
  exemplary: '示范性',
  effective: '显效性',
  developmental: '发展性',
}

const RubricItemSchema = z.strictObject({
  criterion: z.enum(CRITERIA),
  maxPoints: z.number().int('满分应为整数').min(1, '每项满分至少 1 分').max(100, '每项满分不超过 100 分'),
  guidance: z.string().trim().max(500, '评分要点不超过 500 字'),
})
export type RubricItem = z.infer<typeof RubricItemSchema>

/** One item per criterion of 第六条, in the order of the measures. */
export const RubricSchema = z
  .array(RubricItemSchema)
  .length(CRITERIA.length, `评分表须包含第六条的 ${CRITERIA.length} 项`)
  .refine((items) => items.every((item, i) => item.criterion === CRITERIA[i]), { message: '评分表各项须按第六条顺序：科学性、创新性、系统性、示范性、显效性、发展性' })
  .meta({ id: 'Rubric' })
export type Rubric = z.infer<typeof RubricSchema>

const DEFAULT_GUIDANCE: Record<Criterion, string> = {
  scientific: '方法（技术）符合科学规律和质量管理基本规律',
  innovative: '结合组织实际运用方法，模式新颖或具有开创性，或形成独创且有效的方法',
  systematic: '方法运用系统、完整，与组织管理体系有机融合',
  exemplary: '对同行业或其他组织具有借鉴和推广价值',
  effective: '在质量、效率、效益等方面取得显著、可衡量的成效',
  developmental: '具有持续改进机制和良好的发展前景',
}

/** Equal weights summing to 100 (17 × 4 + 16 × 2): the default of both rounds, editable until locked. */
export const DEFAULT_RUBRIC: Rubric = CRITERIA.map((criterion, i) => ({ criterion, maxPoints: i < 4 ? 17 : 16, guidance: DEFAULT_GUIDANCE[criterion] }))

export const rubricTotal = (rubric: readonly RubricItem[]) => rubric.reduce((sum, item) => sum + item.maxPoints, 0)

/** Which figure ranks the applications (the others are shown beside it). */
export const RANK_BY = ['mean', 'trimmedMean', 'normalized'] as const
export type RankBy = (typeof RANK_BY)[number]
export const RANK_BY_LABELS: Record<RankBy, string> = { mean: '平均分', trimmedMean: '去掉最高最低分后的平均分', normalized: '标准化分' }

/** A reviewer's comment (评语, 第十六条 / 第十七条) is at least this long. */
export const MIN_COMMENT_LENGTH = 30
export const MAX_COMMENT_LENGTH = 3000

const RoundSettingsInput = z.strictObject({
  rubric: RubricSchema,
  /** The last day of the round's scoring (Asia/Shanghai); reminders go out before it. */
  deadline: LocalDate.optional(),
})

/** The call's review settings (office). A round's rubric is locked once the round has a submitted score. */
export const ReviewPlanInputSchema = z
  .strictObject({
    rankBy: z.enum(RANK_BY),
    /** The standard deviation of an application's totals above which the committee is warned (分歧提示). */
    disagreementThreshold: z.number().min(0, '分歧阈值不能为负').max(100),
    /** Committee members present for a deliberation to decide (合议), the chair or a vice chair among them. */
    quorum: z.number().int().min(1, '法定人数至少 1 人').max(50),
    material: RoundSettingsInput,
    defense: RoundSettingsInput,
  })
  .meta({ id: 'ReviewPlanInput' })
export type ReviewPlanInput = z.infer<typeof ReviewPlanInputSchema>

export const DEFAULT_REVIEW_PLAN: ReviewPlanInput = {
  rankBy: 'mean',
  disagreementThreshold: 10,
  quorum: 3,
  material: { rubric: DEFAULT_RUBRIC },
  defense: { rubric: DEFAULT_RUBRIC },
}

const RoundSettings = RoundSettingsInput.extend({
  /** When the first score of the round was submitted: from then on its rubric cannot change. */
  lockedAt: Instant.optional(),
  total: z.number().int(),
})
export const ReviewPlanSchema = z
  .strictObject({
    callId: z.string(),
    rankBy: z.enum(RANK_BY),
    disagreementThreshold: z.number(),
    quorum: z.number().int(),
    material: RoundSettings,
    defense: RoundSettings,
    /** False while the call uses the defaults nobody has saved yet. */
    saved: z.boolean(),
    updatedAt: Instant.optional(),
  })
  .meta({ id: 'ReviewPlan' })
export type ReviewPlan = z.infer<typeof ReviewPlanSchema>

/** A score moves draft → submitted; reopened (with a reason) it is editable again and submitted anew. */
export const SCORE_STATES = ['draft', 'submitted', 'reopened'] as const
export type ScoreState = (typeof SCORE_STATES)[number]
export const SCORE_STATE_LABELS: Record<ScoreState, string> = { draft: '草稿', submitted: '已提交', reopened: '已退回修改' }

const Points = z.number().int('分数应为整数').min(0, '分数不能为负')
/** Points per criterion; the rubric's maximum is checked by the server (SCORE_OUT_OF_RANGE). */
export const ScorePointsSchema = z.strictObject(Object.fromEntries(CRITERIA.map((c) => [c, Points])) as Record<Criterion, typeof Points>)
export type ScorePoints = z.infer<typeof ScorePointsSchema>
const DraftPoints = z.strictObject(Object.fromEntries(CRITERIA.map((c) => [c, Points.optional()])) as Record<Criterion, z.ZodOptional<typeof Points>>)

/** Saving a draft: any part may be missing. */
export const ScoreDraftInputSchema = z
  .strictObject({
    round: ReviewRoundSchema,
    points: DraftPoints,
    comment: z.string().max(MAX_COMMENT_LENGTH, `评语不超过 ${MAX_COMMENT_LENGTH} 字`).default(''),
  })
  .meta({ id: 'ScoreDraftInput' })
export type ScoreDraftInput = z.input<typeof ScoreDraftInputSchema>

/** Submitting: every item scored and a comment of at least MIN_COMMENT_LENGTH characters. */
export const ScoreSubmitInputSchema = z
  .strictObject({
    round: ReviewRoundSchema,
    points: ScorePointsSchema,
    comment: z.string().trim().min(MIN_COMMENT_LENGTH, `评语至少 ${MIN_COMMENT_LENGTH} 字`).max(MAX_COMMENT_LENGTH, `评语不超过 ${MAX_COMMENT_LENGTH} 字`),
  })
  .meta({ id: 'ScoreSubmitInput' })
export type ScoreSubmitInput = z.infer<typeof ScoreSubmitInputSchema>

export const RoundParamsSchema = z.strictObject({ id: ObjectIdSchema('征集通知'), round: ReviewRoundSchema })

/**
 * One application's figures in a round (computed, never stored): number of submitted scores, mean,
 * trimmed mean (highest and lowest dropped when there are five or more; otherwise the mean), the
 * population standard deviation, the mean of the per-expert normalised totals, and the disagreement
 * flag (standard deviation above the call's threshold). Null where there is no submitted score.
 */
export const ApplicationFiguresSchema = z.strictObject({
  count: z.number().int(),
  mean: z.number().nullable(),
  trimmedMean: z.number().nullable(),
  stdDev: z.number().nullable(),
  normalized: z.number().nullable(),
  disagreement: z.boolean(),
})
export type ApplicationFigures = z.infer<typeof ApplicationFiguresSchema>

/** The ranking of a round, per group and overall (office; the chair and vice chairs; a group leader for their group). */
export const RoundRankingSchema = z
  .strictObject({
    callId: z.string(),
    round: ReviewRoundSchema,
    rankBy: z.enum(RANK_BY),
    /** The stated tie rule, in Chinese. */
    tieRule: z.string(),
    disagreementThreshold: z.number(),
    rubricTotal: z.number().int(),
    rows: z.array(
      ApplicationFiguresSchema.extend({
        applicationId: z.string(),
        receiptNumber: z.string().optional(),
        title: z.string(),
        organizationName: z.string(),
        groupId: z.string().optional(),
        groupName: z.string().optional(),
        /** Assignments standing for this application in the round. */
        assigned: z.number().int(),
        rank: z.number().int().nullable(),
        groupRank: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: 'RoundRanking' })
export type RoundRanking = z.infer<typeof RoundRankingSchema>

// ---- Scoring (第十六条, 第十七条): the expert's form, the office's progress and score history.

/** Which application states each round is scored in: the round is open while the application is there. */
export const ROUND_APPLICATION_STATES: Record<ReviewRound, readonly string[]> = {
  material: ['material_review'],
  defense: ['defense_review', 'site_visit'],
}

/** Reminders go out this many days (Asia/Shanghai) before a round's deadline, once per expert and round. */
export const SCORE_REMINDER_DAYS_BEFORE = 2

export const AssignmentRoundParamsSchema = z.strictObject({ id: ObjectIdSchema('评审任务'), round: ReviewRoundSchema })
export const ScoreIdParamsSchema = z.strictObject({ id: ObjectIdSchema('评分记录') })
export const ReopenScoreBodySchema = z
  .strictObject({ reason: z.string().trim().min(5, '请填写退回修改的原因（至少 5 个字）').max(500, '原因不超过 500 字') })
  .meta({ id: 'ReopenScoreBody' })

const PartialPoints = z.strictObject(Object.fromEntries(CRITERIA.map((c) => [c, z.number().int().optional()])) as Record<Criterion, z.ZodOptional<z.ZodNumber>>)

/** The expert's own score of one assignment in one round, with the rubric it is scored against (第十三条: nobody else's). */
export const MyScoreSchema = z
  .strictObject({
    assignmentId: z.string(),
    round: ReviewRoundSchema,
    title: z.string(),
    organizationName: z.string(),
    rubric: RubricSchema,
    rubricTotal: z.number().int(),
    deadline: LocalDate.optional(),
    /** Whether the application is in this round now (material_review; defense_review or site_visit). */
    roundOpen: z.boolean(),
    /** Absent before the first save. */
    state: z.enum(SCORE_STATES).optional(),
    points: PartialPoints,
    comment: z.string(),
    total: z.number().int().optional(),
    version: z.number().int(),
    submittedAt: Instant.optional(),
    /** Why the group leader or the office sent it back (the latest reopening). */
    reopenReason: z.string().optional(),
    editable: z.boolean(),
    updatedAt: Instant.optional(),
  })
  .meta({ id: 'MyScore' })
export type MyScore = z.infer<typeof MyScoreSchema>

/**
 * One line per active assignment of the expert's in a call: the round open for it now (none between
 * rounds) and the state of its score in that round (absent before the first save) — the list's tags.
 */
export const MyScoreStatesSchema = z
  .strictObject({ items: z.array(z.strictObject({ assignmentId: z.string(), round: ReviewRoundSchema.optional(), state: z.enum(SCORE_STATES).optional() })) })
  .meta({ id: 'MyScoreStates' })

/** The round an application in `state` is scored in now, if any. */
export const openRoundOf = (state: string): ReviewRound | undefined => REVIEW_ROUNDS.find((r) => ROUND_APPLICATION_STATES[r].includes(state))

const ProgressCounts = {
  assigned: z.number().int(),
  notStarted: z.number().int(),
  draft: z.number().int(),
  submitted: z.number().int(),
  reopened: z.number().int(),
}

/**
 * Progress of a round per group and expert (office, chair and vice chairs: every group; a group
 * leader: their own). Which scores are where, never the points or comments: those are the office's
 * score history (getScore).
 */
export const RoundProgressSchema = z
  .strictObject({
    callId: z.string(),
    round: ReviewRoundSchema,
    deadline: LocalDate.optional(),
    /** Applications in the round now, and (material round) qualified ones still waiting to start it. */
    applicationsInRound: z.number().int(),
    waitingToStart: z.number().int(),
    /** The caller may reopen submitted scores of these groups. */
    canReopenGroups: z.array(z.string()),
    groups: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        ...ProgressCounts,
        experts: z.array(
          z.strictObject({
            expertId: z.string(),
            name: z.string(),
            ...ProgressCounts,
            items: z.array(
              z.strictObject({
                assignmentId: z.string(),
                applicationId: z.string(),
                title: z.string(),
                scoreId: z.string().optional(),
                state: z.enum(['not_started', ...SCORE_STATES]),
                version: z.number().int(),
                submittedAt: Instant.optional(),
              }),
            ),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'RoundProgress' })
export type RoundProgress = z.infer<typeof RoundProgressSchema>

const ScoreVersion = z.strictObject({
  version: z.number().int(),
  points: PartialPoints,
  total: z.number().int(),
  comment: z.string(),
  submittedAt: Instant,
  reopenedAt: Instant.optional(),
  reopenedByName: z.string().optional(),
  reopenReason: z.string().optional(),
})

/** A score with every submitted version (office: no silent edits, 第十六条). */
export const ScoreDetailSchema = z
  .strictObject({
    id: z.string(),
    callId: z.string(),
    round: ReviewRoundSchema,
    applicationId: z.string(),
    title: z.string(),
    organizationName: z.string(),
    groupId: z.string(),
    expertName: z.string(),
    state: z.enum(SCORE_STATES),
    points: PartialPoints,
    comment: z.string(),
    total: z.number().int().optional(),
    version: z.number().int(),
    submittedAt: Instant.optional(),
    history: z.array(ScoreVersion),
    updatedAt: Instant,
  })
  .meta({ id: 'ScoreDetail' })
export type ScoreDetail = z.infer<typeof ScoreDetailSchema>

/** Starting the material round (第十六条): what moved, what already was there, what waits for reviewers. */
export const RoundStartResultSchema = z
  .strictObject({
    round: ReviewRoundSchema,
    started: z.number().int(),
    alreadyInRound: z.number().int(),
    /** Qualified applications with no active assignment yet: they stay qualified. */
    withoutReviewers: z.number().int(),
    failed: z.array(z.strictObject({ applicationId: z.string(), code: z.string(), message: z.string() })),
  })
  .meta({ id: 'RoundStartResult' })
export type RoundStartResult = z.infer<typeof RoundStartResultSchema>
