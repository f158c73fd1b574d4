import { inShanghai } from './time'

/**
 * What personal data the system keeps, where, how long and why (个人信息保护法 第十七条 tells the
 * person, 第十九条 keeps it no longer than the purpose needs, 第四十七条 deletes it when due). One
 * table: the README's "Personal data and retention" section lists it, the mini-program shows a row's
 * notice where the data is collected, and the server's retention jobs read their periods from here.
 *
 * A period runs from an event recorded as a date in the database (`from`), so the job finds due
 * data by a date query: due when that date is on or before `retentionCutoff(row, now)`.
 */
export interface RetentionPeriod {
  days?: number
  years?: number
}

export interface RetentionRow {
  /** Personal data kept. */
  what: string
  /** Where it is stored: collection and field. */
  where: string
  period: RetentionPeriod
  /** The event the period runs from (its date field in parentheses). */
  from: string
  /** What happens when due. */
  then: '删除' | '匿名化'
  /** The legal basis, one short sentence. */
  basis: string
  /**
   * The job that enforces it, or the issue that will add the data and its job. A row with an
   * issue is a promise, not enforcement: that issue fills in the job.
   */
  enforcedBy: { job: string } | { issue: number }
  /** Shown to the person where the data is collected (short, one line). */
  notice?: string
}

const PIPL_19 = '个人信息保护法第十九条：保存期限为实现处理目的所必要的最短时间。'

export const RETENTION_TABLE = {
  profileContacts: {
    what: '申报组织联系人的姓名、职务、电话、邮箱',
    where: 'organizations.profile.contacts',
    period: { years: 3 },
    from: '组织资料最后保存，且其后本组织没有任何申报变动（profileUpdatedAt、applications.updatedAt）',
    then: '删除',
    basis: `用于征集工作联络（个人信息保护法第十三条第一款第二项）；${PIPL_19}`,
    enforcedBy: { job: 'retention.profileContacts' },
    notice: '联系人信息仅用于本征集活动的联络；组织资料三年未更新且无申报时自动删除，申报材料中的联系人于申报结束三年后删除。',
  },
  applicationContacts: {
    what: '申报材料快照中的联系人姓名、职务、电话、邮箱',
    where: 'applications.profileSnapshot.contacts',
    period: { years: 3 },
    from: '申报进入终结状态（撤回、不予受理、未入选、已发布等）后的最后变动（updatedAt）',
    then: '删除',
    basis: `评审、公示和结果公布（第十四条至第十九条）所需；申报材料本身留存，联系人不再需要。${PIPL_19}`,
    enforcedBy: { job: 'retention.applicationContacts' },
  },
  auditIp: {
    what: '审计记录中操作人的 IP 地址',
    where: 'audit.actor.ip',
    period: { years: 1 },
    from: '操作发生（at）',
    then: '匿名化',
    basis: '网络安全法第二十一条要求网络日志留存不少于六个月；一年后删除 IP，操作人、时间和动作仍永久留存以备追溯。',
    enforcedBy: { job: 'retention.auditIp' },
  },
  sessions: {
    what: '登录会话（令牌摘要、IP 地址、浏览器标识）',
    where: 'sessions',
    period: { days: 7 },
    from: '会话过期或注销（expiresAt、revokedAt）',
    then: '删除',
    basis: `仅用于保持登录和告知“已过期”；${PIPL_19}`,
    enforcedBy: { job: 'purge.sessions' },
  },
  oneTimeCodes: {
    what: '邀请码、绑定码（仅存摘要）及其使用人',
    where: 'onetimecodes',
    period: { days: 7 },
    from: '使用或过期（usedAt、expiresAt）',
    then: '删除',
    basis: `使用或过期后即无用途；${PIPL_19}`,
    enforcedBy: { job: 'purge.oneTimeCodes' },
  },
  loginCounters: {
    what: '登录与频率限制计数（含 IP 地址）',
    where: 'counters',
    period: { days: 1 },
    from: '最后一次计数（updatedAt），且锁定已结束',
    then: '删除',
    basis: `仅用于防暴力破解，最长窗口一小时；${PIPL_19}`,
    enforcedBy: { job: 'purge.counters' },
  },
  disabledWechatIds: {
    what: '已停用账号的微信 openid、unionid',
    where: 'users.wechatOpenid、users.wechatUnionid、users.logins',
    period: { years: 1 },
    from: '账号停用后的最后变动（updatedAt）',
    then: '删除',
    basis: `账号停用后不再向其发送通知，也不再以微信登录；${PIPL_19}`,
    enforcedBy: { job: 'retention.disabledWechatIds' },
  },
  messages: {
    what: '站内消息（可能含姓名、组织名称）',
    where: 'messages',
    period: { years: 2 },
    from: '消息送达（createdAt）',
    then: '删除',
    basis: `通知用途在两个年度征集周期内即已完成；${PIPL_19}`,
    enforcedBy: { job: 'retention.messages' },
  },
  objectors: {
    what: '异议人的姓名、电话、单位联系人和加盖公章的异议函（第十八条公示异议）',
    where: 'objections.objector',
    period: { years: 3 },
    from: '异议答复异议人（reply.at）',
    then: '删除',
    basis: `第十八条异议调查核实与答复所需；答复后三年内可能复核或申诉，之后异议内容和处理记录留存、异议人身份删除。${PIPL_19}`,
    enforcedBy: { job: 'retention.objectors' },
    notice: '您的姓名和电话仅用于核实和答复本异议，仅质量标杆工作办公室可见；答复三年后删除。',
  },
  attendees: {
    what: '交流活动参加人的姓名、单位、联系方式（第二十条）',
    where: '由交流活动功能填写',
    period: { years: 1 },
    from: '活动结束',
    then: '删除',
    basis: '第二十条经验交流活动组织所需；期限与执行由交流活动功能确定。',
    enforcedBy: { issue: 18 },
  },
} as const satisfies Record<string, RetentionRow>

export type RetentionKey = keyof typeof RETENTION_TABLE

/**
 * The latest date of the period's starting event for which the data is due at `now`. Years and
 * days are counted on the Asia/Shanghai calendar (a year before 29 February is 28 February).
 */
export function retentionCutoff(period: RetentionPeriod, now: Date): Date {
  let t = inShanghai(now)
  if (period.years) t = t.subtract(period.years, 'year')
  if (period.days) t = t.subtract(period.days, 'day')
  return t.toDate()
}

/** A period in words, for the README and notices: 3年, 7天. */
export function formatRetentionPeriod({ years, days }: RetentionPeriod): string {
  return [years ? `${years}年` : '', days ? `${days}天` : ''].join('') || '—'
}
