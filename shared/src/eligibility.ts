import { SECTOR_LABELS, type Sector } from './calls'
import { CREDIT_CODE_MESSAGES, creditCodeProblem } from './creditCode'
import type { OrganizationProfile } from './organizations'
import { ELIGIBILITY_RULES, type EligibilityRule, type Precheck, type PrecheckOutcome, type PrecheckResult } from './qualification'
import { inShanghai } from './time'

/** What the automatic pre-check (第十五条) judges: the declared profile against the call, on one day. */
export interface EligibilityInput {
  profile: OrganizationProfile
  callYear: number
  callSectors: readonly Sector[]
  /** The review date, YYYY-MM-DD on the Asia/Shanghai calendar. */
  reviewDate: string
}

type Evidence = PrecheckResult['evidence']
type RuleVerdict = { outcome: PrecheckOutcome; explanation: string; evidence: Evidence }
type Rule = (input: EligibilityInput) => RuleVerdict

const yesNo = (b: boolean) => (b ? '是' : '否')
const wan = (v: number) => `${v} 万元`

/** The three complete years before the call year (第八条(二) "近三年"): a 2026 call reads 2023–2025. */
export function profitYears(callYear: number): [number, number, number] {
  return [callYear - 3, callYear - 2, callYear - 1]
}

/** The Asia/Shanghai calendar day of an instant: the review date of a pre-check run at that instant. */
export function reviewDateOf(instant: Date | string): string {
  return inShanghai(instant).format('YYYY-MM-DD')
}

/** One rule per condition; every entry returns pass, fail, or "a reviewer must judge". */
const RULES: Record<EligibilityRule, Rule> = {
  // 第八条(一): a valid 统一社会信用代码 is the evidence of registration in the PRC.
  registration: ({ profile }) => {
    const problem = creditCodeProblem(profile.creditCode.trim().toUpperCase())
    const evidence = [{ label: '统一社会信用代码', value: profile.creditCode }]
    return problem
      ? { outcome: 'fail', explanation: `${CREDIT_CODE_MESSAGES[problem]}，无法证明在境内合法注册。`, evidence }
      : { outcome: 'pass', explanation: '统一社会信用代码格式与校验位正确。', evidence }
  },

  // 第八条(二). Precedence: any hard failure (not an independent legal person, a missing year, a year
  // without profit) makes the result 'fail' even when violations are also declared; only when the
  // hard facts pass does a declared violation turn the result into 'judgement', because whether a
  // disclosed record is an "illegal act or bad record" is the reviewer's call, not arithmetic.
  legalStanding: ({ profile, callYear }) => {
    const years = profitYears(callYear)
    const failures: string[] = []
    const evidence: Evidence = [{ label: '独立法人', value: yesNo(profile.independentLegalPerson) }]
    if (!profile.independentLegalPerson) failures.push('不是独立法人')
    for (const year of years) {
      const entry = profile.profits.find((p) => p.year === year)
      evidence.push({ label: `${year} 年净利润`, value: entry ? wan(entry.netProfitWan) : '未填写' })
      if (!entry) failures.push(`未填写 ${year} 年净利润`)
      // Exactly zero is break-even, not a profit.
      else if (entry.netProfitWan <= 0) failures.push(`${year} 年未盈利（${wan(entry.netProfitWan)}）`)
    }
    evidence.push({ label: '近三年无违法行为和不良记录', value: yesNo(profile.compliance.noViolations) })
    if (!profile.compliance.noViolations && profile.compliance.disclosure) {
      evidence.push({ label: '违法或不良记录说明', value: profile.compliance.disclosure })
    }
    const window = `${years[0]}–${years[2]} 年`
    if (failures.length > 0) {
      const also = profile.compliance.noViolations ? '' : '；另申报有违法行为或不良记录'
      return { outcome: 'fail', explanation: `${failures.join('；')}${also}（须为独立法人且 ${window} 每年盈利）。`, evidence }
    }
    if (!profile.compliance.noViolations) {
      return {
        outcome: 'judgement',
        explanation: `独立法人，${window} 连续盈利；但申报有违法行为或不良记录，须审查人根据说明判断。`,
        evidence,
      }
    }
    return { outcome: 'pass', explanation: `独立法人，${window} 连续盈利，声明近三年无违法行为和不良记录。`, evidence }
  },

  // 第八条(三): valid on the review date, both ends included (a certificate expiring that day still counts).
  iso9001: ({ profile, reviewDate }) => {
    const c = profile.iso9001
    const evidence = [
      { label: '证书编号', value: c.certificateNumber },
      { label: '认证机构', value: c.certificationBody },
      { label: '发证日期', value: c.issuedOn },
      { label: '有效期至', value: c.expiresOn },
      { label: '审查日期', value: reviewDate },
    ]
    // YYYY-MM-DD strings compare as dates.
    if (reviewDate < c.issuedOn) return { outcome: 'fail', explanation: `证书发证日期 ${c.issuedOn} 晚于审查日期 ${reviewDate}。`, evidence }
    if (reviewDate > c.expiresOn) return { outcome: 'fail', explanation: `证书已于 ${c.expiresOn} 到期，审查日期 ${reviewDate} 不在有效期内。`, evidence }
    return { outcome: 'pass', explanation: `证书在审查日期 ${reviewDate} 处于有效期内（至 ${c.expiresOn}）。`, evidence }
  },

  // 第八条(四): maturity and gains are read from the narratives; no data decides it.
  maturePractice: () => ({
    outcome: 'judgement',
    explanation: '方法是否成熟应用并取得显著成效，须审查人阅读申报材料后判断。',
    evidence: [],
  }),

  // 第八条(五): a trade-secret note does not excuse unwillingness, but the reviewer should see it.
  sharing: ({ profile }) => {
    const note = profile.sharing.tradeSecretNote
    const evidence = [{ label: '愿意参与分享交流活动', value: yesNo(profile.sharing.willing) }]
    if (note) evidence.push({ label: '商业秘密说明', value: note })
    const noteHint = note ? '（已说明涉及商业秘密的内容）' : ''
    return profile.sharing.willing
      ? { outcome: 'pass', explanation: `愿意参与分享交流活动${noteHint}。`, evidence }
      : { outcome: 'fail', explanation: `声明不愿意参与分享交流活动${noteHint}。`, evidence }
  },

  // 第七条: the call names the sectors it collects from.
  sector: ({ profile, callSectors }) => {
    const evidence = [
      { label: '组织所属领域', value: SECTOR_LABELS[profile.sector] },
      { label: '本次征集领域', value: callSectors.map((s) => SECTOR_LABELS[s]).join('、') || '无' },
    ]
    return callSectors.includes(profile.sector)
      ? { outcome: 'pass', explanation: `所属领域“${SECTOR_LABELS[profile.sector]}”在本次征集范围内。`, evidence }
      : { outcome: 'fail', explanation: `所属领域“${SECTOR_LABELS[profile.sector]}”不在本次征集范围内。`, evidence }
  },
}

/**
 * The automatic pre-check of qualification review (第十五条): each condition of 第八条 and the
 * sector of 第七条, in ELIGIBILITY_RULES order, with a Chinese explanation and the evidence judged.
 */
export function evaluateEligibility(input: EligibilityInput): PrecheckResult[] {
  return ELIGIBILITY_RULES.map((rule) => ({ rule, ...RULES[rule](input) }))
}

/** The stored pre-check of an application: the rules judged on the Asia/Shanghai day of `now`. */
export function runPrecheck(input: Omit<EligibilityInput, 'reviewDate'> & { now: Date }): Precheck {
  const reviewDate = reviewDateOf(input.now)
  return {
    reviewDate,
    evaluatedAt: input.now.toISOString(),
    results: evaluateEligibility({ profile: input.profile, callYear: input.callYear, callSectors: input.callSectors, reviewDate }),
  }
}
