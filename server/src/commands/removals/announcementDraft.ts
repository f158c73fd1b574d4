import { formatDate, inShanghai, type RemovalReasonType } from '@zlbg/shared'
import { nextInSequence } from '../../db/sequence'
import type { Models } from '../../models'
import type { ListedExperienceRecord } from '../../models/listing'

/** What each ground of 第二十一条 says in the announcement. */
const GROUND_SENTENCE: Record<RemovalReasonType, string> = {
  fraud: '存在申报材料弄虚作假以获得质量标杆典型经验的情形',
  major_accident: '三年内在诚信、质量、安全、环保等方面发生重大责任事故',
}

/** `中质协质量标杆公告〔<year>〕<n>号`: one counter per year (Asia/Shanghai), one atomic increment per number. */
export async function nextAnnouncementNumber(models: Models, now: Date): Promise<string> {
  const year = inShanghai(now).year()
  return `中质协质量标杆公告〔${year}〕${await nextInSequence(models, `announcement:${year}`)}号`
}

/**
 * The announcement (公告) drafted from the template at the approver's confirmation (第二十一条): it
 * names the organization, the experience and its year, the ground, the article and the date, signed
 * 中国质量协会. The facts stay internal: the office may add what it decides to publish before publishing.
 */
export function draftAnnouncement(
  experience: Pick<ListedExperienceRecord, 'organizationName' | 'title' | 'year'>,
  reasonType: RemovalReasonType,
  { number, now }: { number: string; now: Date },
) {
  const { organizationName: org, title, year } = experience
  return {
    number,
    title: `关于将${org}“${title}”移出质量标杆典型经验名单的公告`,
    body: [
      `${org}的“${title}”于${year}年列入质量标杆典型经验名单。经核实，该组织${GROUND_SENTENCE[reasonType]}。`,
      `根据《质量标杆典型经验征集管理办法》第二十一条，经质量标杆典型经验评审委员会确认、中国质量协会批准，决定将该典型经验从质量标杆典型经验名单中移除。`,
      '特此公告。',
      '中国质量协会',
      formatDate(now),
    ].join('\n\n'),
    draftedAt: now,
  }
}
