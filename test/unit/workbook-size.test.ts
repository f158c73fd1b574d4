import ExcelJS from 'exceljs'
import { checkWorkbookSize, WORKBOOK_LIMITS } from '../../server/src/http/xlsx'

/**
 * An uploaded workbook (the expert pool's, an earlier year's list) is refused before ExcelJS inflates it
 * whole in memory when its parts would inflate past the limits — a zip bomb takes the server down
 * otherwise. Judged from the zip's own directory, each part's real size held to what it declares.
 */
async function workbook(rows: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('名单')
  sheet.addRow(['年份', '单位名称', '经验名称'])
  for (let i = 0; i < rows; i++) sheet.addRow([2020, `示例单位${i}`, '0'.repeat(200)])
  return Buffer.from(await book.xlsx.writeBuffer())
}

describe('uploaded workbooks are measured before they are read', () => {
  test.each([
    ['an ordinary import file passes the default limits', 200, WORKBOOK_LIMITS, 'ok'],
    ['one inflating past the total is refused', 200, { totalBytes: 20_000, entries: 1000 }, 'refused'],
    ['one with more parts than allowed is refused', 10, { totalBytes: WORKBOOK_LIMITS.totalBytes, entries: 3 }, 'refused'],
  ] as const)('%s', async (_name, rows, limits, outcome) => {
    const result = checkWorkbookSize(await workbook(rows), limits)
    if (outcome === 'ok') await expect(result).resolves.toBeUndefined()
    else await expect(result).rejects.toMatchObject({ code: 'IMPORT_FILE_INVALID', message: '文件解压后过大或包含的部件过多，不是正常的导入文件' })
  })

  test('a file that is not a zip at all is IMPORT_FILE_INVALID', async () => {
    await expect(checkWorkbookSize(Buffer.from('%PDF-1.7 not a workbook'))).rejects.toMatchObject({ code: 'IMPORT_FILE_INVALID' })
  })
})
