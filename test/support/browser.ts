import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

export const ARTIFACTS = path.resolve(__dirname, '../artifacts')

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

/** A phone-sized page, as the mini-program is used. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', hasTouch: true, isMobile: true })
  return context.newPage()
}

/** Screenshots of the page as it is, at a phone's 320 px and a desk's 1280 px, the page made as tall as its content: `<name>-<width>.png`. */
export async function widthShots(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true })
  const before = page.viewportSize()!
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    await page.waitForTimeout(300)
    const height = await page.evaluate(() => Math.max(...Array.from(document.querySelectorAll<HTMLElement>('.page')).filter((e) => e.offsetParent !== null).map((e) => e.scrollHeight), 900))
    await page.setViewportSize({ width, height: Math.min(height + 80, 8000) })
    await page.waitForTimeout(200)
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`) })
  }
  await page.setViewportSize(before)
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const file = path.join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path: file, fullPage: false })
  return file
}

export function e2eBase(): string {
  const base = process.env.ZLBG_E2E_BASE
  if (!base) throw new Error('ZLBG_E2E_BASE is not set: run e2e tests through jest (globalSetup starts the server)')
  return base
}

/** The office administrator the e2e globalSetup created. */
export function e2eAdmin(): { login: string; password: string } {
  const login = process.env.ZLBG_E2E_ADMIN_LOGIN
  const password = process.env.ZLBG_E2E_ADMIN_PASSWORD
  if (!login || !password) throw new Error('ZLBG_E2E_ADMIN_LOGIN / ZLBG_E2E_ADMIN_PASSWORD are not set (e2e globalSetup)')
  return { login, password }
}

/** A desktop browser window (the office works at a desk): no touch, the H5 workbench's desktop layout. */
export async function desktopPage(browser: Browser, width = 1280, height = 800): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' })
  return context.newPage()
}

/** A page signed in as the office administrator through 账号密码登录, on 我的: a phone unless given a desktop page. */
export async function officePage(browser: Browser, open: (browser: Browser) => Promise<Page> = phonePage): Promise<Page> {
  const { login, password } = e2eAdmin()
  const page = await open(browser)
  await passwordSignIn(page, login, password)
  return page
}

/** Signs `page` in through 账号密码登录 (staff, experts, approvers) and waits for 我的. */
export async function passwordSignIn(page: Page, login: string, password: string) {
  await page.goto(`${e2eBase()}/#/pages/login/password`)
  await fill(page, '.login-login', login)
  await fill(page, '.login-password', password)
  await click(page, '.login-submit')
  await page.locator('.me-signed-in:visible').waitFor()
}

/** Types into the native input of a NutUI Input / TextArea inside the field with this class. */
export async function fill(page: Page, field: string, value: string) {
  await page.locator(`${field}:visible`).locator('input, textarea').first().fill(value)
}

/** Taro keeps hidden pages in the DOM: act on the visible one. */
export async function click(page: Page, selector: string) {
  await page.locator(`${selector}:visible`).first().click()
}

export async function textOf(page: Page, selector: string): Promise<string> {
  const locator = page.locator(`${selector}:visible`).first()
  await locator.waitFor()
  return locator.innerText()
}

/** The confirmation dialog's OK button (NutUI Dialog); waits for the dialog to go. */
export async function confirmDialog(page: Page) {
  const ok = page.locator('.confirm-dialog:visible .nut-dialog-footer-ok')
  await ok.waitFor()
  await ok.click()
  await page.locator('.confirm-dialog:visible').waitFor({ state: 'detached' }).catch(() => undefined)
}
