import type { Browser, Page } from 'playwright-core'
import mongoose from 'mongoose'
import { ERRORS } from '@zlbg/shared'
import { connectDatabase, type Database } from '../../server/src/db/connection'
import { e2eBase, launchBrowser, phonePage, screenshot, fill, click, textOf, confirmDialog, officePage } from '../support/browser'

/**
 * 我的 → 消息 and the office's 发送记录, in the H5 build against the real server. Nothing the server
 * does yet queues a notice, so the empty states are always covered; the list, read and retry flows
 * need records written straight into the database, which runs when the e2e globalSetup exposes its
 * database as ZLBG_E2E_DATABASE_URI (and is skipped otherwise).
 */

const DATABASE_URI = process.env.ZLBG_E2E_DATABASE_URI
const withDatabase = DATABASE_URI ? test : test.skip
const RUN = Date.now().toString(36)

let browser: Browser
let user: Page
let admin: Page
let userId = ''
let db: Database | undefined

jest.setTimeout(60_000)

beforeAll(async () => {
  browser = await launchBrowser()
  if (DATABASE_URI) db = await connectDatabase(DATABASE_URI)
})
afterAll(async () => {
  await user?.context().close()
  await admin?.context().close()
  await browser?.close()
  await db?.close()
})

describe('我的 → 消息 (a WeChat user, development stand-in)', () => {
  test('the message center is empty at first, and explains the WeChat notifications', async () => {
    user = await phonePage(browser)
    await user.goto(`${e2eBase()}/#/pages/me/index`)
    await fill(user, '.me-dev-code', `msgs${RUN}.1`)
    const [signIn] = await Promise.all([
      user.waitForResponse((r) => r.url().endsWith('/api/auth/wechat')),
      click(user, '.me-dev-login-submit'),
    ])
    userId = ((await signIn.json()) as { me: { id: string } }).me.id
    await user.locator('.me-signed-in:visible').waitFor()
    await user.locator('.me-messages:visible').waitFor()
    expect(await user.locator('.me-messages-unread:visible').count()).toBe(0)

    await click(user, '.me-messages')
    await user.locator('.messages-empty:visible').waitFor()
    expect(await textOf(user, '.messages-empty')).toContain('暂无消息')
    expect(await textOf(user, '.messages-unread')).toBe('全部已读')
    const subscribe = await textOf(user, '.messages-subscribe')
    for (const label of ['申报进度通知', '答辩安排通知', '异议处理结果通知', '交流活动提醒']) expect(subscribe).toContain(label)
    await screenshot(user, 'messages-empty')

    // H5 has no wx.requestSubscribeMessage: the button says so instead of prompting.
    await click(user, '.messages-subscribe-button')
    await user.waitForFunction(() => document.querySelector('.taro__toast')?.textContent?.includes('浏览器中无法订阅微信通知'))
  })

  withDatabase('unread messages: a badge on 我的, newest first, a tap marks one read and opens its link', async () => {
    const now = Date.now()
    await db!.models.Message.create([
      {
        outboxKey: `e2e:${RUN}:1`,
        recipientUserId: new mongoose.Types.ObjectId(userId),
        kind: 'application.submitted',
        title: '申报已提交',
        body: '你的申报材料已提交，办公室将进行形式审查。',
        createdAt: new Date(now - 3_600_000),
      },
      {
        outboxKey: `e2e:${RUN}:2`,
        recipientUserId: new mongoose.Types.ObjectId(userId),
        kind: 'call.published',
        title: '新的征集通知',
        body: '2026 年度质量标杆典型经验征集已发布，点击查看。',
        link: '/pages/index/index',
        createdAt: new Date(now),
      },
    ])
    await user.goto(`${e2eBase()}/#/pages/me/index`)
    expect(await textOf(user, '.me-messages-unread')).toBe('2')
    await screenshot(user, 'me-messages-badge')

    await click(user, '.me-messages')
    // Loading placeholders share .message-row: wait for the titles themselves.
    await user.locator('.message-row-title:visible').nth(1).waitFor()
    expect(await user.locator('.message-row-title:visible').allInnerTexts()).toEqual(['新的征集通知', '申报已提交'])
    expect(await user.locator('.message-row--unread:visible').count()).toBe(2)
    expect(await textOf(user, '.messages-unread')).toBe('2 条未读')
    expect(await textOf(user, '.message-row-time')).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
    await screenshot(user, 'messages-list')

    // The older one has no link: it is marked read and the page stays.
    await Promise.all([
      user.waitForResponse((r) => r.url().includes('/read') && r.status() === 204),
      user.locator('.message-row:visible', { hasText: '申报已提交' }).click(),
    ])
    expect(await textOf(user, '.messages-unread')).toBe('1 条未读')
    expect(await user.locator('.message-row--unread:visible').count()).toBe(1)

    // The newer one links to 首页 (a tab).
    await Promise.all([
      user.waitForResponse((r) => r.url().includes('/read') && r.status() === 204),
      user.locator('.message-row:visible', { hasText: '新的征集通知' }).click(),
    ])
    await user.locator('.call-list:visible, .call-list-empty:visible').first().waitFor()
    const stored = await db!.models.Message.find({ outboxKey: { $in: [`e2e:${RUN}:1`, `e2e:${RUN}:2`] } }).lean()
    expect(stored.every((m) => m.readAt)).toBe(true)
    // Listen before navigating: the unread count may be fetched before the page is even visible.
    const counted = user.waitForResponse((r) => r.url().includes('/api/me/messages'))
    await user.goto(`${e2eBase()}/#/pages/me/index`)
    await user.locator('.me-messages:visible').waitFor()
    await counted
    expect(await user.locator('.me-messages-unread:visible').count()).toBe(0)
  })
})

describe('发送记录 (office)', () => {
  test('the administrator opens 发送记录 from the workbench and filters by status', async () => {
    admin = await officePage(browser)
    await click(admin, '.me-office-outbox')
    await admin.locator('.outbox-filter-status:visible').waitFor()
    await admin.locator('.outbox-empty:visible, .outbox-list:visible').first().waitFor()
    await screenshot(admin, 'outbox')

    await click(admin, '.outbox-filter-status-dead')
    await admin.locator('.outbox-empty:visible, .outbox-list:visible').first().waitFor()
    if (!DATABASE_URI) expect(await textOf(admin, '.outbox-empty')).toContain('暂无发送记录')
    await click(admin, '.outbox-filter-status-all')
  })

  withDatabase('a dead record shows its error and is sent again after a confirmation; a changed one gets a 409', async () => {
    const base = {
      recipientUserId: new mongoose.Types.ObjectId(userId),
      kind: 'application.supplementRequested',
      template: 'application_progress' as const,
      cause: { type: 'application', id: 'e2e' },
      nextAttemptAt: new Date(),
      createdAt: new Date(),
      updatedAt: new Date(),
    }
    const [dead, failed] = await db!.models.Outbox.create([
      {
        ...base,
        key: `e2e:${RUN}:dead`,
        channel: 'wechat_subscribe',
        content: { title: '申报材料需补正', body: '请在 5 个工作日内补正材料。' },
        status: 'dead',
        attempts: 6,
        lastError: '微信返回 43101：用户拒绝接受消息',
      },
      {
        ...base,
        key: `e2e:${RUN}:failed`,
        channel: 'inapp',
        content: { title: '答辩安排', body: '答辩时间已确定。' },
        status: 'failed',
        attempts: 2,
        nextAttemptAt: new Date(Date.now() + 600_000),
        lastError: '连接超时',
      },
    ])

    await click(admin, '.outbox-filter-status-dead')
    const row = admin.locator('.outbox-row:visible', { hasText: '申报材料需补正' })
    await row.waitFor()
    expect(await row.locator('.outbox-row-channel').innerText()).toBe('微信订阅消息')
    expect(await row.locator('.outbox-row-attempts').innerText()).toBe('6')
    expect(await row.locator('.outbox-row-error').innerText()).toContain('43101')
    expect(await row.locator('.outbox-row-status').innerText()).toBe('已停止重试')
    await screenshot(admin, 'outbox-dead')

    await row.locator('.outbox-row-retry').click()
    expect(await textOf(admin, '.confirm-dialog')).toContain('申报材料需补正')
    await confirmDialog(admin)
    await row.locator('.outbox-row-status', { hasText: '待发送' }).waitFor()
    expect(await row.locator('.outbox-row-retry').count()).toBe(0)
    expect((await db!.models.Outbox.findById(dead!._id).lean())?.status).toBe('pending')

    // Someone else sent the failed one meanwhile: the server's 409 message is shown on the row.
    await click(admin, '.outbox-filter-status-failed')
    const failedRow = admin.locator('.outbox-row:visible', { hasText: '答辩安排' })
    await failedRow.waitFor()
    expect(await failedRow.locator('.outbox-row-next').innerText()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
    await db!.models.Outbox.updateOne({ _id: failed!._id }, { $set: { status: 'sent', sentAt: new Date() } })
    await failedRow.locator('.outbox-row-retry').click()
    await confirmDialog(admin)
    expect(await failedRow.locator('.outbox-row-retry-error').innerText()).toContain(ERRORS.STATE_CONFLICT.message)
    await screenshot(admin, 'outbox-conflict')
  })
})
