import type { Browser, Page } from 'playwright-core'
import { connectDatabase, type Database } from '../../server/src/db/connection'
import { click, confirmDialog, fill, launchBrowser } from './browser'

/**
 * What an e2e walk that builds its own data needs: globalSetup's database, connected directly for the
 * fixtures the walk does not click through, and a browser. `useWalk()` opens both before the file's
 * tests and closes them after; read `walk.browser` and `walk.db` inside tests and hooks.
 */
export function useWalk(): { readonly browser: Browser; readonly db: Database } {
  let browser: Browser | undefined
  let db: Database | undefined
  beforeAll(async () => {
    const uri = process.env.ZLBG_E2E_DATABASE_URI
    if (!uri) throw new Error('ZLBG_E2E_DATABASE_URI is not set (e2e globalSetup)')
    db = await connectDatabase(uri)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await db?.close()
  })
  return {
    get browser() {
      if (!browser) throw new Error('the walk has not started: use walk.browser inside tests and hooks')
      return browser
    },
    get db() {
      if (!db) throw new Error('the walk has not started: use walk.db inside tests and hooks')
      return db
    },
  }
}

const DAY = 86_400_000

/**
 * On the office's 答辩与现场考察 page (第十七条), already open on `desk`: start the defense round
 * (confirmed; `started` applications move), open a slot five days ahead at `place`, and give it to
 * `applicationId`.
 */
export async function startDefenseAndGiveSlot(desk: Page, { started, place, applicationId }: { started: number; place: string; applicationId: string }) {
  await desk.locator('.df-start-go:visible').waitFor()
  await click(desk, '.df-start-go')
  await confirmDialog(desk)
  await desk.locator('.df-start-result:visible', { hasText: `已开始 ${started} 件` }).waitFor()
  const when = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10)
  await fill(desk, '.df-starts', `${when} 09:30`)
  await fill(desk, '.df-place', place)
  await click(desk, '.df-create-slot')
  const slot = desk.locator('.df-slot--open:visible')
  await slot.waitFor()
  await slot.locator(`.df-slot-pick .chip[data-value="${applicationId}"]`).click()
  await slot.locator('.df-assign').click()
  await desk.locator('.df-slot--assigned:visible').waitFor()
}
