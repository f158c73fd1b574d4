import { z } from 'zod'

/**
 * Every failure the API can answer, with its HTTP status and the Chinese message a person reads.
 * Codes are stable: clients branch on `code`, never on `message`.
 *
 * 400 is for input the OpenAPI document already refuses (its shape: types, lengths, patterns,
 * formats). Input the document accepts but a rule refuses that the document cannot state — a code
 * that does not exist or has expired, a check digit, dates in order, hidden characters, a committee
 * that breaks 第十一条 — is 422 (issue 12, item 7: schemathesis sends schema-valid requests and
 * expects them accepted or refused by a documented business status).
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: '提交的内容有误，请检查标注的字段' },
  INVALID_JSON: { status: 400, message: '请求内容不是有效的 JSON' },
  BAD_REQUEST: { status: 400, message: '请求的地址或格式无效' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  SESSION_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  SESSION_REVOKED: { status: 401, message: '登录状态已失效，请重新登录' },
  INVALID_CREDENTIALS: { status: 401, message: '账号或密码错误' },
  WRONG_PASSWORD: { status: 422, message: '当前密码不正确' },
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用，请联系质量标杆工作办公室' },
  FORBIDDEN: { status: 403, message: '没有权限执行此操作' },
  WECHAT_CODE_INVALID: { status: 422, message: '微信登录凭证无效或已使用，请重新登录' },
  INVITE_INVALID: { status: 422, message: '邀请码无效、已使用或已过期' },
  BIND_CODE_INVALID: { status: 422, message: '绑定码无效、已使用或已过期' },
  BIND_CONFLICT: { status: 409, message: '该微信已关联其他账号，无法绑定' },
  BIND_GUARDED: {
    status: 403,
    message: '办公室、管理员和审批人账号只能在本账号已登录的浏览器中输入微信端生成的绑定码，并重新输入密码',
  },
  LAST_ADMINISTRATOR: { status: 409, message: '这是最后一位在用的系统管理员，不能移除其管理员角色或停用该账号。请先为另一账号授予管理员角色' },
  LAST_OFFICE_ACCOUNT: { status: 409, message: '这是最后一个在用的办公室账号，不能移除其办公室角色或停用该账号。请先为另一账号授予办公室角色' },
  OWN_ADMIN_ROLE: { status: 409, message: '不能移除自己的管理员角色，请由另一位管理员操作' },
  USERNAME_TAKEN: { status: 409, message: '用户名已被使用' },
  EMAIL_TAKEN: { status: 409, message: '邮箱已被其他账号使用' },
  USER_NOT_FOUND: { status: 404, message: '用户不存在' },
  ORGANIZATION_NOT_FOUND: { status: 404, message: '组织不存在' },
  ALREADY_MEMBER: { status: 409, message: '你已是该组织成员' },
  NOT_A_MEMBER: { status: 409, message: '你不是该组织成员' },
  LOGIN_LOCKED: { status: 429, message: '登录失败次数过多，请稍后再试' },
  LOGIN_BUSY: { status: 429, message: '该账号的另一次登录正在验证，请稍后再试' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  WECHAT_UNAVAILABLE: { status: 503, message: '微信服务暂时不可用，请稍后再试' },
  // A burst fills an instance's waiting line (server/src/http/admission.ts): refused at once, with Retry-After.
  SERVER_BUSY: { status: 503, message: '当前提交的人较多，请稍后再试' },
  NOT_FOUND: { status: 404, message: '请求的接口不存在' },
  CALL_NOT_FOUND: { status: 404, message: '征集通知不存在' },
  METHOD_NOT_ALLOWED: { status: 405, message: '该接口不支持此请求方法' },
  STATE_CONFLICT: { status: 409, message: '当前状态不允许此操作，请刷新后重试' },
  CONTENT_RISKY: { status: 422, message: '内容含有不适宜公开的信息，请修改后重新提交' },
  MESSAGE_NOT_FOUND: { status: 404, message: '消息不存在' },
  APPLICATION_NOT_FOUND: { status: 404, message: '申报不存在' },
  PUBLICITY_NOT_FOUND: { status: 404, message: '公示名单或其中的条目不存在' },
  OBJECTION_NOT_FOUND: { status: 404, message: '异议不存在' },
  // 第十八条: objections are received only while the list is open; the answer names the closing time.
  OBJECTION_WINDOW_CLOSED: { status: 422, message: '该公示已不在异议受理期内' },
  // Removal from the list and its announcement (第二十一条).
  REMOVAL_NOT_FOUND: { status: 404, message: '移除记录不存在' },
  REMOVAL_TARGET_NOT_FOUND: { status: 404, message: '名单中没有该典型经验' },
  REMOVAL_TARGET_REMOVED: { status: 409, message: '该典型经验已移出名单' },
  REMOVAL_SAME_SIGNER: { status: 409, message: '提出或经评审委员会确认该移除的人不能再以审批人身份确认（第二十一条：三方各自确认）' },
  REMOVAL_OPEN: { status: 409, message: '该典型经验已有进行中的移除程序，请在原记录上处理' },
  REMOVAL_CALL_REQUIRED: { status: 422, message: '往年导入的典型经验没有所属征集：请选择由哪一征集的评审委员会确认' },
  REMOVAL_CALL_INVALID: { status: 422, message: '所选征集不存在或尚未组建评审委员会' },
  ANNOUNCEMENT_NOT_FOUND: { status: 404, message: '公告不存在或尚未发布' },
  EXPLANATION_NOT_FOUND: { status: 404, message: '说明要求不存在或已答复' },
  ATTACHMENT_NOT_FOUND: { status: 404, message: '附件不存在或已失效，请重新上传' },
  // Exchange events (第二十条): the server's message names the window's instants where they matter.
  EVENT_NOT_FOUND: { status: 404, message: '活动不存在' },
  REGISTRATION_NOT_FOUND: { status: 404, message: '报名记录不存在' },
  EVENT_REGISTRATION_CLOSED: { status: 409, message: '该活动当前不接受报名' },
  EVENT_NOT_INVITED: { status: 403, message: '该活动仅限受邀的入选组织报名' },
  REGISTRATION_DUPLICATE: { status: 409, message: '该参会人已报名本活动' },
  EVENT_CANCELLATION_CLOSED: { status: 409, message: '已过取消报名截止时间' },
  EVENT_CAPACITY_TAKEN: { status: 409, message: '名额不能少于已确认的人数' },
  ORGANIZATION_UNVERIFIED: {
    status: 409,
    message: '组织尚未通过办公室核验：请在组织信息中上传营业执照扫描件，核验通过后即可提交申报（可先保存草稿）',
  },
  LICENCE_MISSING: { status: 409, message: '该组织尚未上传营业执照扫描件，无法核验' },
  PROFILE_INCOMPLETE: { status: 422, message: '组织信息尚未填写完整，请先完善组织信息' },
  APPLICATION_LIMIT_REACHED: { status: 409, message: '本组织在该征集中的申报数已达上限' },
  CALL_NOT_OPEN: { status: 409, message: '该征集通知当前不接受申报' },
  /** The message names the closing time in Asia/Shanghai (set by the server). */
  CALL_WINDOW_CLOSED: { status: 409, message: '不在申报时间内' },
  // 第十八条 working days: the server's message names the year / the next working day (short: these ride in the weapp main package).
  WORKDAY_YEAR_UNCONFIRMED: { status: 409, message: '该年度节假日安排未确认' },
  PUBLICITY_START_NOT_WORKDAY: { status: 422, message: '开始日不是工作日' },
  PUBLICITY_EXISTS: { status: 409, message: '该征集的公示名单已发布，每个征集只发布一次' },
  PUBLICITY_NOTHING_RECOMMENDED: { status: 409, message: '该征集没有待公示的推荐申报' },
  PUBLICITY_START_PAST: { status: 422, message: '公示开始日不能早于今天' },
  CALENDAR_ARRANGEMENT_INVALID: { status: 422, message: '节假日安排有误' },
  SUPPLEMENT_OVERDUE: { status: 409, message: '补正期限已过，无法再提交' },
  PRECHECK_FAILED: { status: 409, message: '自动预审有不符合项，请逐项审查后再作决定' },
  EXPERT_NOT_FOUND: { status: 404, message: '专家不存在' },
  EXPERT_PHONE_TAKEN: { status: 409, message: '该手机号已登记在专家库中' },
  EXPERT_ACCOUNT_TAKEN: { status: 409, message: '该账号已关联另一位专家' },
  EXPERT_ACCOUNT_INVALID: { status: 422, message: '关联的账号不存在或不是专家账号' },
  IMPORT_NOT_FOUND: { status: 404, message: '导入记录不存在' },
  IMPORT_FILE_INVALID: { status: 422, message: '无法读取该文件：请上传按模板填写的 xlsx 文件' },
  COMMITTEE_NOT_FOUND: { status: 404, message: '该征集尚未组建评审委员会' },
  /** The fields name each broken rule of 第十一条 / 第十二条. */
  COMMITTEE_INVALID: { status: 422, message: '评审委员会的组成不符合规定（第十一条、第十二条）' },
  CONFLICT_NOT_FOUND: { status: 404, message: '回避记录不存在' },
  ASSIGNMENT_NOT_FOUND: { status: 404, message: '评审任务不存在' },
  // Review rounds (第十六条, 第十七条): scoring and ranking.
  REVIEW_ROUND_NOT_OPEN: { status: 409, message: '该评审轮次尚未开始或已结束' },
  RUBRIC_LOCKED: { status: 409, message: '该轮已有专家提交评分，评分表不能再修改' },
  SCORE_OUT_OF_RANGE: { status: 422, message: '分数超出评分表该项的满分' },
  SCORE_NOT_FOUND: { status: 404, message: '评分记录不存在' },
  // Scoring (第十六条): the material round starts once the committee has started review.
  REVIEW_NOT_STARTED: { status: 409, message: '评审委员会尚未启动评审：请先在评审委员会页面启动评审' },
  // Deliberation (合议), defense slots, site visits (第十六条, 第十七条).
  DELIBERATION_NOT_FOUND: { status: 404, message: '合议记录不存在' },
  DELIBERATION_INVALID: { status: 422, message: '合议记录有误，请按提示修改' },
  DELIBERATION_PRESIDING_ABSENT: { status: 422, message: '合议须有主任委员或副主任委员出席（第十一条）' },
  DELIBERATION_QUORUM: { status: 422, message: '出席委员人数不足本次征集规定的法定人数' },
  DELIBERATION_OPEN: { status: 409, message: '该轮已有一份待签署的合议记录，请在原记录上修改' },
  DELIBERATION_NOT_READY: { status: 409, message: '合议记录尚不能签署：尚有申报未作结论、回避后人数不足或现场考察未完成' },
  DELIBERATION_SIGNER_INVALID: { status: 409, message: '签署人须为出席本次合议且无回避的主任委员或副主任委员' },
  DEFENSE_SLOT_NOT_FOUND: { status: 404, message: '答辩时段不存在' },
  DEFENSE_SLOT_INVALID: { status: 422, message: '答辩时段有误：专业组、时间或申报不符合要求' },
  DEFENSE_SLOT_TAKEN: { status: 409, message: '该申报已安排了答辩时段，请先取消原时段' },
  SITE_VISIT_NOT_FOUND: { status: 404, message: '现场考察记录不存在' },
  SITE_VISIT_INCOMPLETE: { status: 422, message: '请填写考察发现和考察结论后再完成现场考察' },
  ASSIGNMENT_INVALID: { status: 409, message: '无法分配：该专家不在申报所在的专业组、存在回避冲突、已达评审上限或已分配' },
  PLEDGE_REQUIRED: { status: 403, message: '请先阅读并签署本次评审的保密与回避承诺书（第十三条）' },
  FILE_LINK_INVALID: { status: 404, message: '文件链接无效或已过期，请返回重新打开' },
  SIMILARITY_FLAG_NOT_FOUND: { status: 404, message: '相似度标记不存在' },
  // Approval and publication of the official list (第十九条).
  LISTING_NOT_READY: { status: 409, message: '该征集的公示尚未结束（或没有公示通过的条目），暂不能审批' },
  LISTING_EXISTS: { status: 409, message: '该征集的名单已经签署批准，每个征集只批准一次' },
  LISTING_EMPTY: { status: 422, message: '批准的名单至少须有一项；如全部不予批准，请先与质量标杆工作办公室沟通' },
  LISTING_DECISIONS_MISMATCH: { status: 409, message: '待审批的条目已有变化，请刷新后对每一项重新作出决定' },
  LISTING_NOT_FOUND: { status: 404, message: '该征集尚无经批准的名单' },
  OUTBOX_NOT_FOUND: { status: 404, message: '发送记录不存在' },
  // The published list (第十九条) and listed organizations.
  LISTED_NOT_FOUND: { status: 404, message: '入选经验不存在' },
  LISTED_ORGANIZATION_NOT_FOUND: { status: 404, message: '入选组织不存在' },
  // The official account's articles (第十八条、第十九条)
  ARTICLE_SOURCE_NOT_FOUND: { status: 404, message: '该图文的来源（公示名单、公布的名单或已发布的公告）不存在' },
  OFFICIAL_ACCOUNT_OFF: { status: 409, message: '未配置公众号（OA_APPID/OA_SECRET），无法推送到草稿箱；请下载图文 HTML 后在公众号平台手动发布' },
  ARTICLE_TOO_LONG: { status: 422, message: '图文正文超过公众号草稿的字数上限，请下载图文 HTML 后在公众号平台编辑发布' },
  ARTICLE_PUSH_IN_PROGRESS: { status: 409, message: '这篇图文的上一次推送尚未完成，请稍后查看推送记录' },
  // Exchange events (第二十条): check-in and attendance.
  CHECKIN_TOKEN_INVALID: { status: 422, message: '签到二维码无效：无法识别或已被篡改' },
  CHECKIN_TOKEN_EXPIRED: { status: 422, message: '签到二维码已过期：请参会人在小程序中重新打开电子票，或输入签到码' },
  CHECKIN_WRONG_EVENT: { status: 422, message: '这是其他活动的签到二维码，请核对活动' },
  CHECKIN_CODE_UNKNOWN: { status: 404, message: '本活动没有这个签到码，请核对后重新输入' },
  CHECKIN_NOT_ADMITTED: { status: 409, message: '该报名不能签到' },
  CHECKIN_NOT_OPEN: { status: 409, message: '活动当天起方可签到' },
  CHECKIN_CLOSED: { status: 409, message: '该活动当前不能签到（未发布、已举办或已取消）' },
  NO_SHOWS_TOO_EARLY: { status: 409, message: '活动结束后方可标记未到场' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  FILE_TOO_LARGE: { status: 413, message: '文件过大，单个文件不超过 20 MB' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, message: '文件类型不支持，请上传 PDF、Word（doc/docx）、JPG 或 PNG 文件' },
  INTERNAL_ERROR: { status: 500, message: '服务器开小差了，请稍后再试' },
  DATABASE_UNAVAILABLE: { status: 503, message: '数据库暂时不可用，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>

export type ErrorCode = keyof typeof ERRORS

/**
 * VALIDATION_FAILED whose every field breaks a rule the OpenAPI document cannot state (a check
 * digit, dates in order, hidden characters, one finding per condition, a template the server does
 * not know): the same code and `fields`, so forms show them alike, but 422 instead of 400.
 */
export const RULE_FAILED_STATUS = 422

export const ErrorCodeSchema = z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]])

export const FieldErrorSchema = z.strictObject({
  path: z.string().meta({ description: '出错字段的路径，如 schedule.0.startsAt' }),
  message: z.string(),
})
export type FieldError = z.infer<typeof FieldErrorSchema>

/** The one JSON shape of every error response. */
export const ErrorBodySchema = z
  .strictObject({
    error: z.strictObject({
      code: ErrorCodeSchema,
      message: z.string(),
      fields: z.array(FieldErrorSchema).optional(),
      /** For STATE_CONFLICT: the state the resource is actually in. */
      currentState: z.string().optional(),
      /** For 429: seconds until a retry can succeed (also in the Retry-After header). */
      retryAfterSeconds: z.number().int().optional(),
      /** The request's id (also the X-Request-Id header and in every server log line of it): quote it when reporting a problem. */
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' })
export type ErrorBody = z.infer<typeof ErrorBodySchema>

/** Field errors from a zod failure, with Chinese messages and dotted paths. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...issue.path, key].join('.'),
        message: `不允许的字段「${key}」`,
      }))
    }
    return [{ path: issue.path.join('.'), message: issue.message }]
  })
}
