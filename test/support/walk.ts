import type { Browser } from 'playwright-core'
import { connectDatabase, type Database } from '../../server/src/db/connection'
import { launchBrowser } from './browser'

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
