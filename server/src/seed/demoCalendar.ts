import { inShanghai } from '@zlbg/shared'
import { libraryArrangements } from '../commands/calendar/calendarData'
import { yearConfirmer } from '../commands/calendar/yearConfirmer'
import type { Models } from '../models'
import type { Actor } from '../policies'

/**
 * Demo data for 工作日历 (第十八条): the library's years show by themselves; so that the screen also
 * shows an office-confirmed year, the latest library year not after this one is confirmed again by
 * the office, unchanged and plainly labelled as demo data — no arrangement the State Council has not
 * published is made up. Returns the year confirmed, or undefined (office years exist, or none fits).
 */
export async function seedDemoCalendar(models: Models, { now = new Date() }: { now?: Date } = {}): Promise<number | undefined> {
  if ((await models.WorkdayYear.estimatedDocumentCount()) > 0) return undefined
  const thisYear = inShanghai(now).year()
  const year = [...libraryArrangements().keys()].filter((y) => y <= thisYear).sort((a, b) => b - a)[0]
  if (year === undefined) return undefined
  const { holidays, workdays } = libraryArrangements().get(year)!
  const office: Actor = { displayName: '演示数据', roles: ['office'], organizationIds: [] }
  const basis = `演示数据：办公室按节假日库 chinese-days 的 ${year} 年安排再次确认（正式使用时请按国务院办公厅通知逐日核对）`
  await yearConfirmer({ models, actor: office, year, input: { holidays, workdays, basis }, now })
  return year
}
