import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { connectDatabase, type Database } from '../../server/src/db/connection'
import { createLogger } from '../../server/src/logger'
import { createDeliveryWorker } from '../../server/src/outbox/deliver'
import { officialAccountDraftChannel } from '../../server/src/outbox/officialAccountDraft'
import { STANDIN_APP_ID, STANDIN_SECRET } from '../../server/src/wechat/config'
import { createOfficialAccountServices } from '../../server/src/wechat/officialAccount'
import { confirmDialog, desktopPage, e2eBase, launchBrowser, officePage, widthShots } from '../support/browser'
import { buildPublicityList } from '../support/publicRecords'

/**
 * 公众号图文 (第十八条、第十九条) in the H5 workbench: the office finds a publicity list's article, pushes
 * it to the official account's draft box after confirming, sees the push queued and then pushed with its
 * media_id once the outbox delivered it (to the stand-in, which plays the account), and downloads the
 * article's HTML with the organization's name escaped. The same actions sit on 公示管理.
 */
let browser: Browser
let office: Page
let db: Database
const HOSTILE = '<script>alert(1)</script>示例公众号测试有限公司'

jest.setTimeout(180_000)

beforeAll(async () => {
  db = await connectDatabase(process.env.ZLBG_E2E_DATABASE_URI!)
  browser = await launchBrowser()
  office = await officePage(browser, (b) => desktopPage(b, 1280))
})
afterAll(async () => {
  await office?.context().close()
  await browser?.close()
  await db?.close()
})

/** The outbox delivery the server's job would run, with the official account's channel, against the e2e stand-in. */
function deliverPushes() {
  const oa = createOfficialAccountServices({
    options: { baseUrl: process.env.ZLBG_E2E_WECHAT_BASE!, appId: STANDIN_APP_ID, secret: STANDIN_SECRET, timeoutMs: 2000 },
    models: db.models,
    instanceId: 'e2e-articles',
  })
  const worker = createDeliveryWorker({
    models: db.models,
    instanceId: 'e2e-articles',
    logger: createLogger('silent'),
    retry: { maxAttempts: 6, baseMs: 60_000, maxDelayMs: 3_600_000 },
    channels: { oa_draft: officialAccountDraftChannel({ models: db.models, oa }) },
    // The shared e2e database holds other walks' messages: leave them to the server's own worker.
    onlyChannels: ['oa_draft'],
  })
  return { worker, oa }
}

test('第十八条 the office pushes a publicity list\'s article to the draft box once, follows it, and downloads the HTML', async () => {
  const list = await buildPublicityList(db, { entries: [{ organizationName: HOSTILE, title: '公众号推送演练经验', sector: 'services', provinceCode: '110000' }] })
  await office.goto(`${e2eBase()}/#/subpackages/office/articles/index`)
  await office.reload()
  const callTitle = (await db.models.Call.findById(list.callId, { title: 1 }).lean())!.title
  // The digest names the whole call title (the title is cut to WeChat's 32 characters).
  const mine = office.locator('.office-article-row--publicity:visible', { hasText: callTitle }).first()
  await mine.waitFor()
  const title = (await mine.locator('.office-article-title').innerText()).trim()
  await mine.locator('.article-push-button').waitFor()
  expect(await mine.locator('.article-actions-standin').innerText()).toContain('本地微信模拟服务')
  await widthShots(office, 'articles-office')

  await mine.locator('.article-push-button').click()
  expect(await office.locator('.confirm-dialog:visible').innerText()).toContain(title)
  await confirmDialog(office)
  await mine.locator('.article-push--queued').waitFor()

  const { worker, oa } = deliverPushes()
  expect(await worker.deliverDue()).toMatchObject({ sent: 1 })
  await mine.locator('.article-refresh-button').click()
  await mine.locator('.article-push--pushed').waitFor()
  const media = (await mine.locator('.article-push-media').innerText()).replace(/^.*：/, '').trim()
  const drafts = await oa.tokens.withToken((token) => oa.client.listDrafts(token, { offset: 0, count: 20 }))
  expect(drafts.items.filter((d) => d.mediaId === media)).toHaveLength(1)
  expect(drafts.items.filter((d) => d.articles[0]!.title === title)).toHaveLength(1)
  await widthShots(office, 'articles-office-pushed')

  const [download] = await Promise.all([office.waitForEvent('download'), mine.locator('.article-download-button').click()])
  const html = readFileSync((await download.path())!, 'utf8')
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;示例公众号测试有限公司')
  expect(html).not.toContain('<script>')
  expect(html).toContain(`${e2eBase()}/#/pages/publicity/detail?id=${list._id}`)
})

test('第十八条 the same actions sit under a list on 公示管理', async () => {
  await office.goto(`${e2eBase()}/#/subpackages/office/publicity/index`)
  await office.reload()
  const actions = office.locator('.office-publicity-row:visible .article-actions').first()
  await actions.waitFor()
  await actions.locator('.article-download-button').waitFor()
  await widthShots(office, 'articles-on-publicity')
})
