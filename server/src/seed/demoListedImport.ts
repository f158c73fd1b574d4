import mongoose from 'mongoose'
import { creditCodeCheckChar, inShanghai, type ListedImportColumn } from '@zlbg/shared'
import { currentListYear, listedImporter, listedWorkbook } from '../commands/listedImport/listedImporter'
import type { Models } from '../models'
import type { ListedImportRecord } from '../models/listedImport'
import type { Actor } from '../policies'
import { DEMO_APPLICANTS } from './demoApplications'

const withCheck = (first17: string) => first17 + creditCodeCheckChar(first17)

/** Earlier years' lists as the office would type them (plainly demo organizations), by years before this one. */
const ROWS: { yearsAgo: number; cells: Partial<Record<ListedImportColumn, string>> }[] = [
  { yearsAgo: 3, cells: { organization: '示例重工装备股份有限公司', creditCode: withCheck('91320500MA1DEMY00'), title: '以质量功能展开驱动的大型装备研发质量管理', sector: '制造业', region: '江苏省', summary: '把客户需求逐级展开为设计、工艺与检验要求，研发阶段的设计更改减少四成。' } },
  { yearsAgo: 3, cells: { organization: '示例轨道交通建设有限公司', title: '城市轨道交通工程全生命周期质量管控', sector: '建筑业', region: '广东省' } },
  { yearsAgo: 3, cells: { organization: '示例银行股份有限公司', title: '基于客户旅程的金融服务质量改进', sector: '服务业', region: '上海市', summary: '以客户旅程地图识别关键接触点，投诉率连续三年下降。' } },
  { yearsAgo: 3, cells: { organization: '示例乳业集团有限公司', title: '从牧场到餐桌的乳品全链条质量追溯', sector: '制造', region: '内蒙古' } },
  { yearsAgo: 3, cells: { organization: '示例电子科技有限公司', title: '六西格玛在消费电子良率提升中的应用', sector: '制造业', region: '广东省' } },
  { yearsAgo: 2, cells: { organization: '示例重工装备股份有限公司', creditCode: withCheck('91320500MA1DEMY00'), title: '装备制造现场的精益质量管理', sector: '制造业', region: '江苏省' } },
  { yearsAgo: 2, cells: { organization: '示例物流股份有限公司', title: '数字化仓配服务的质量标准化', sector: '服务业', region: '湖北省', summary: '以服务标准与数据看板统一全国网点的作业质量。' } },
  { yearsAgo: 2, cells: { organization: '示例水务集团有限公司', title: '供水服务质量的卓越绩效管理', sector: '服务业', region: '四川省' } },
  { yearsAgo: 2, cells: { organization: '示例钢结构工程有限公司', title: '钢结构工程焊接质量的统计过程控制', sector: '建筑业', region: '山东省' } },
  { yearsAgo: 2, cells: { organization: '示例汽车零部件有限公司', title: '零缺陷理念下的汽车零部件供应链质量协同', sector: '制造业', region: '重庆市' } },
  // Two rows as people get them wrong, so the report has something to show.
  { yearsAgo: 0, cells: { organization: '示例新材料有限公司', title: '新材料中试阶段的质量设计', sector: '制造业', region: '浙江省' } },
  { yearsAgo: 2, cells: { organization: '示例旅游服务有限公司', title: '景区服务质量的顾客满意度测评', sector: '服务业', region: '华东' } },
]

/**
 * The office's first day has history (第十九条): lists of three and two years ago imported from a
 * workbook through the same command as the office's upload, two rows of it wrong so that 往年名单导入
 * shows a report. The second demo applicant, if its credit code was verified, is on the list of three
 * years ago under its code, so its members are listed (第二十条). Runs once (nothing when an import exists).
 */
export async function seedDemoListedImport(models: Models, { now = new Date() }: { now?: Date } = {}): Promise<ListedImportRecord | undefined> {
  if ((await models.ListedImport.estimatedDocumentCount()) > 0) return undefined
  const year = currentListYear(now)
  const rows = ROWS.map(({ yearsAgo, cells }) => ({ year: String(year - yearsAgo), ...cells }))
  const applicant = await models.Organization.findOne({ name: DEMO_APPLICANTS[1].organization }, { name: 1, profile: 1 }).lean()
  const code = applicant?.profile?.creditCode
  if (applicant && code && (await models.CreditCodeClaim.exists({ _id: code, organizationId: applicant._id }))) {
    rows.splice(2, 0, { year: String(year - 3), organization: applicant.name, creditCode: code, title: '装配式建筑施工质量的标准化管理', sector: '建筑业', region: '浙江省' })
  }
  const office = await models.User.findOne({ roles: 'office' }, { displayName: 1 }).lean()
  const actor: Actor = { userId: (office?._id ?? new mongoose.Types.ObjectId()).toHexString(), displayName: office?.displayName ?? '演示数据', roles: ['office'], organizationIds: [] }
  const filename = `往年名单-${inShanghai(now).format('YYYYMMDD')}.xlsx`
  return listedImporter({ models, actor, filename, buffer: await listedWorkbook(rows), now })
}
