import type { Page } from 'playwright-core'
import { click, desktopPage, e2eBase, officePage, widthShots, textOf } from '../support/browser'
import { useWalk } from '../support/walk'
import { HAND_TABLE, seedHandTable } from '../support/rankingTable'
import { expertInput } from '../support/reviewFactories'

/**
 * 评审汇总排名 (第十六条, 第十七条) in the H5 workbench: the office opens a call's ranking from the
 * calls' committees, reads every figure of the hand-computed round, sees the disagreement flag,
 * filters one group, switches to the defense round (empty), and exports the ranking as xlsx.
 * Screenshots at 320 px and 1280 px go to test/artifacts/.
 */

jest.setTimeout(180_000)

const walk = useWalk()

const shots = (page: Page, name: string) => widthShots(page, `ranking-${name}`)

const seed = () =>
  seedHandTable(walk.db.models, {
    makeExpert: async (name, competent) => ({ expert: (await walk.db.models.Expert.create(expertInput({ name: `${name}${Date.now() % 100000}`, competent }))).toObject() }),
  })

test('the office reads the round’s figures and ranking, filters a group, and exports it (phone)', async () => {
  const s = await seed()
  const office = await officePage(walk.browser)
  await office.goto(`${e2eBase()}/#/subpackages/office/ranking/index?callId=${s.callId}`)
  await office.locator('.rk-row:visible').first().waitFor()
  const rows = office.locator('.rk-row:visible')
  expect(await rows.count()).toBe(4)
  // Ranked by the mean (the default): C 85, A 82, B 63.33; D assigned, not scored.
  const first = await rows.nth(0).innerText()
  expect(first).toContain('申报C')
  expect(first).toContain('85.00')
  expect(first).toContain('84.09')
  expect(first).toContain('分歧较大')
  const second = await rows.nth(1).innerText()
  for (const figure of ['82.00', '81.67', '9.27', '83.61']) expect(second).toContain(figure)
  expect(await rows.nth(3).innerText()).toContain('未排名')
  expect(await textOf(office, '.rk-tie-rule')).toContain('相同时依次比较')
  expect(HAND_TABLE.order[0]).toBe('C')

  // One group: 第一专业组 holds A and B, ranked within the group.
  await click(office, '.rk-groups .chip:has-text("第一专业组")')
  expect(await rows.count()).toBe(2)
  expect(await rows.nth(0).innerText()).toContain('申报A')
  await shots(office, 'office-group')
  await click(office, '.rk-groups .chip:has-text("全部专业组")')
  await shots(office, 'office')

  // The defense round (第十七条) has nothing yet: said so.
  await click(office, '.rk-round .chip[data-value="defense"]')
  await office.locator('.rk-empty:visible').waitFor()
  expect(await textOf(office, '.rk-empty')).toContain('尚无申报进入答辩评审')
})

test('at a desk: the table with the ranking column marked, and the export downloads', async () => {
  const s = await seed()
  const office = await officePage(walk.browser, (b) => desktopPage(b))
  await office.goto(`${e2eBase()}/#/subpackages/office/ranking/index?callId=${s.callId}`)
  await office.locator('.rk-table .rk-row:visible').first().waitFor()
  expect(await office.locator('.rk-table .rk-row:visible').count()).toBe(4)
  expect(await textOf(office, '.rk-tr--head .rk-td--key')).toBe('平均分')
  expect(await office.locator('.rk-tr--flagged:visible').count()).toBe(1)
  const [download] = await Promise.all([office.waitForEvent('download'), click(office, '.rk-export-ranking')])
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
})
