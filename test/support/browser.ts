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
