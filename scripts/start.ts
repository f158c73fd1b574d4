import { spawn } from 'node:child_process'
import { mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { formatDateTime } from '@zlbg/shared'
import { createFirstAdmin } from '../server/src/auth/bootstrap'
import { RUNNING_DB_FILE } from '../server/src/cli/database'
import { loadConfig } from '../server/src/config'
import { createLogger } from '../server/src/logger'
import { DEMO_APPLICANTS, DEMO_RIVAL_CLAIM, seedDemoApplications } from '../server/src/seed/demoApplications'
import { seedDemoData } from '../server/src/seed/seed'
import { localFolderStorage } from '../server/src/storage'
import { seedDemoCalendar } from '../server/src/seed/demoCalendar'
import { seedDemoScores } from '../server/src/seed/demoScores'
import { DEMO_EXPERT_ACCOUNTS, DEMO_EXPERT_PASSWORD, seedDemoReview } from '../server/src/seed/demoReview'
import { seedDemoDeliberation } from '../server/src/seed/demoDeliberation'
import { seedDemoPublicity } from '../server/src/seed/demoPublicity'
import { DEMO_OBJECTORS, seedDemoObjections } from '../server/src/seed/demoObjections'
import { DEMO_APPROVER, seedDemoListing } from '../server/src/seed/demoListing'
import { seedDemoListedImport } from '../server/src/seed/demoListedImport'
import { seedDemoRemovals } from '../server/src/seed/demoRemovals'
import { seedDemoArticles } from '../server/src/seed/demoArticles'
import { DEMO_EVENT_GUEST, seedDemoEvents } from '../server/src/seed/demoEvents'
import { seedDemoAttendance } from '../server/src/seed/demoAttendance'
import { runServer, type RunningServer } from '../server/src/server'
import { STANDIN_APP_ID, STANDIN_SECRET } from '../server/src/wechat/config'
import { startWeChatStandIn, type WeChatStandIn } from '../server/src/wechat/standin'
import { startEmbeddedMongo, type EmbeddedMongo } from './db'

const ROOT = path.resolve(__dirname, '..')
const LOGS = path.join(ROOT, '.data', 'logs')

async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now()
  console.log(`▶ ${label}…`)
  const result = await work()
  console.log(`✔ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  return result
}

/** Runs a build with its chatter in .data/logs; its errors still reach the terminal. */
function build(target: 'h5' | 'weapp'): Promise<void> {
  mkdirSync(LOGS, { recursive: true })
  const log = path.join(LOGS, `build-${target}.log`)
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', `build:${target}`, '-w', 'miniapp'], {
      cwd: ROOT,
      stdio: ['ignore', openSync(log, 'w'), 'inherit'],
    })
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the ${target} build failed (exit ${code}); see ${path.relative(ROOT, log)}`)),
    )
  })
}

/**
 * `npm start`: database, demo data, both builds, then the server in this same process, so that
 * nothing outlives it: the embedded engine exits when our end of its stdin closes.
 */
async function main() {
  let db: EmbeddedMongo | undefined
  let server: RunningServer | undefined
  let wechat: WeChatStandIn | undefined
  let stopping = false
  const stop = async (code: number) => {
    if (stopping) return
    stopping = true
    console.log('\nStopping…')
    await server?.close()
    await wechat?.close()
    rmSync(RUNNING_DB_FILE, { force: true })
    await db?.stop()
    process.exit(code)
  }
  process.on('SIGINT', () => void stop(0))
  process.on('SIGTERM', () => void stop(0))

  try {
    let uri = process.env.MONGODB_URI
    if (uri) {
      console.log('▶ Using the database in MONGODB_URI')
    } else {
      const file = path.join(ROOT, '.data', 'zlbg.mv')
      db = await step(`Starting the embedded database (data in ${path.relative(ROOT, file)})`, () =>
        startEmbeddedMongo({ backend: 'h2', file }),
      )
      uri = db.uri('zlbg')
      writeFileSync(RUNNING_DB_FILE, uri)
    }
    const realWeChat = !!(process.env.WECHAT_APPID && process.env.WECHAT_SECRET)
    if (!realWeChat) {
      wechat = await step('Starting the local WeChat stand-in', () =>
        startWeChatStandIn({ appId: STANDIN_APP_ID, secret: STANDIN_SECRET }),
      )
    }
    const config = loadConfig({
      LOG_LEVEL: 'warn',
      ...process.env,
      MONGODB_URI: uri,
      H5_DIST: path.join(ROOT, 'miniapp/dist/h5'),
      ...(wechat ? { WECHAT_API_BASE: wechat.baseUrl } : {}),
    })
    await step('Building the H5 app', () => build('h5'))
    await step('Building the WeChat mini-program', () => build('weapp'))
    server = await step('Starting the server', () => runServer(config, createLogger(config.LOG_LEVEL)))
    const seeded = await seedDemoData(server.db.models)
    console.log(seeded > 0 ? `✔ Loaded ${seeded} demo calls into the empty database` : '✔ Database already has data: demo data not loaded')
    // Demo applicants sign in with simulated WeChat codes, so only against the stand-in.
    let demoNote = ''
    const storage = localFolderStorage(path.resolve(config.FILES_DIR))
    if (wechat && (await seedDemoApplications(server.db.models, { wechatAppId: STANDIN_APP_ID, storage })) > 0) {
      const who = DEMO_APPLICANTS.map((d) => `"${d.code}" (${d.organization})`).join(', ')
      demoNote = `
  Demo applicants: 我的 → 模拟微信登录 with ${who}; their applications wait in 征集通知管理 → 申报列表.
  A rival claim of the first one's credit code ("${DEMO_RIVAL_CLAIM.code}") waits in 办公室工作台 → 组织核验.`
      console.log('✔ Loaded demo organizations and their applications')
    }
    if (wechat && (await seedDemoReview(server.db.models, { wechatAppId: STANDIN_APP_ID })) > 0) {
      const experts = DEMO_EXPERT_ACCOUNTS.map((e) => `"${e.username}" (${e.name}, ${e.role})`).join(', ')
      demoNote += `
  Demo experts: 我的 → 工作人员/专家登录 with ${experts}, password "${DEMO_EXPERT_PASSWORD}"; the committee and assignments are under 专家库与评审委员会.`
      console.log('✔ Loaded the demo expert pool, committee and assignments')
    }
    if (wechat && (await seedDemoScores(server.db.models)) > 0) console.log('✔ Loaded demo scores: material round started, most scores submitted, drafts, one reopened')
    if (wechat && (await seedDemoDeliberation(server.db.models)) > 0) {
      demoNote += `
  Deliberation and defense (第二批 call): 合议与签署 / 答辩与现场考察 under 专家库 → the call; "zhuren" signs in 评审工作台 → 合议签署; "demo4.1" confirms a defense slot in 我的申报.`
      console.log('✔ Loaded the demo deliberations, defense slots and a site visit')
    }
    const calendarYear = await seedDemoCalendar(server.db.models)
    if (calendarYear) console.log(`✔ 工作日历: ${calendarYear} confirmed again by the office (demo); library years show by themselves`)
    const listed = await seedDemoPublicity(server.db.models)
    if (listed > 0) {
      console.log(`✔ Loaded a demo publicity list (第三批 call, ${listed} entries) open today`)
      demoNote += `
  Publicity (第十八条): the 公示 tab shows the 第三批 list, open today; the office's 公示管理 is in the workbench.`
    }
    // After the demo publicity list: objections are filed against its open window (第十八条).
    if (wechat && (await seedDemoObjections(server.db.models, { wechatAppId: STANDIN_APP_ID })) > 0) {
      demoNote += `
  Objections (第十八条): 办公室工作台 → 异议受理; the chair decides in 评审工作台 → 异议审议; objectors ${DEMO_OBJECTORS.map((o) => `"${o.code}"`).join(', ')} follow theirs in 我的 → 我的异议.`
      console.log('✔ Loaded demo objections: received, under investigation, before the committee, replied')
    }
    // After the demo publicity lists: last year's is approved and published, this year's first batch awaits the approver (第十九条).
    const listing = await seedDemoListing(server.db.models)
    if (listing.published + listing.awaiting > 0) {
      demoNote += `
  Approval and publication (第十九条): the CAQ approver "${DEMO_APPROVER.username}" (password "${DEMO_EXPERT_PASSWORD}") signs in at 我的 → 工作人员/专家登录 → 审批工作台; last year's list (${listing.published} experiences) is published, this year's 第一批 (${listing.awaiting} entries) awaits approval; the office publishes in 办公室工作台 → 名单公布.`
      console.log('✔ Loaded the demo approver, a published list and one awaiting approval')
    }
    // Earlier years' lists (第十九条), imported through the office's own command: the 名单 tab is full.
    const imported = await seedDemoListedImport(server.db.models)
    if (imported) {
      console.log(`✔ Imported earlier years' lists (${imported.years.join('、')}): ${imported.inserted} experiences, ${imported.failed} bad rows in the report`)
      demoNote += `
  名单 (第十九条): the 名单 tab lists ${imported.years.join(' and ')}; 办公室工作台 → 入选组织 shows the organizations, 往年名单导入 the import and its report of bad rows.`
    }
    // After the published-list and import seeds: removals (第二十一条) of the newest listed experiences.
    const removals = await seedDemoRemovals(server.db.models)
    if (removals > 0) {
      demoNote += `
  Removal (第二十一条): 办公室工作台 → 移除管理; one removed with its 公告 published (名单 → 移除公告), ${removals > 1 ? 'one waiting for "zhuren" in 评审工作台 → 移除确认' : ''}.`
      console.log(`✔ Loaded ${removals} demo removal${removals > 1 ? 's' : ''}: one announced${removals > 1 ? ', one waiting for the chair' : ''}`)
    }
    // Exchange events (第二十条) last: members of listed organizations (the demo publication's) register.
    if (wechat && (await seedDemoEvents(server.db.models, { wechatAppId: STANDIN_APP_ID })) > 0) {
      demoNote += `
  Exchange events (第二十条): the 活动 tab; 办公室工作台 → 交流活动; "${DEMO_EVENT_GUEST.code}" follows a registration in 活动 → 我的报名.`
      console.log('✔ Loaded demo exchange events: open (full, with a waitlist), online with a public quota, held, cancelled, a draft')
    }
    // After the demo events and their registrations (第二十条): check-ins and no-shows at the past and current ones.
    const attendance = await seedDemoAttendance(server.db.models)
    if (attendance > 0) {
      demoNote += `
  Check-in and attendance (第二十条): 办公室工作台 → 参会义务; an event's 现场签到 shows its check-ins; members open 电子票 from their registrations.`
      console.log(`✔ Loaded demo check-ins and no-shows (${attendance} attendees)`)
    }
    let adminNote = ''
    if (!(await server.db.models.User.exists({ roles: 'admin' }))) {
      const invite = await createFirstAdmin(server.db.models, { username: 'admin', displayName: '演示管理员' }, 'npm start')
      adminNote = `
  First office administrator: username "admin", invite code ${invite.code} (valid until ${formatDateTime(invite.expiresAt)}).
  Set its password at 我的 → 工作人员/专家登录 → 使用邀请码设置密码. Shown only this once; another: npm run admin:create`
    }

    // After the administrator exists: the demo push is theirs (第十八条: the official account as a channel).
    if (wechat && (await seedDemoArticles(server.db.models, { base: config.PUBLIC_BASE_URL, miniProgramAppId: STANDIN_APP_ID })) > 0) {
      demoNote += `
  Official account (第十八条、第十九条): 办公室工作台 → 公众号图文 shows the 第三批 list's article, pushed once to the stand-in's draft box.`
      console.log('✔ Pushed the demo publicity list\'s article to the stand-in official account\'s draft box')
    }

    const base = `http://127.0.0.1:${server.port}`
    console.log(`
质量标杆 is running. Open:
  H5 (browser workbench)   ${base}/
  API: published calls     ${base}/api/calls
  API: the published list  ${base}/api/listed
  Public feed              ${base}/api/feed.atom  ${base}/api/feed.json  (publicity only: ${base}/api/feed/publicity.atom)
  Exchange events          ${base}/api/events
  OpenAPI document         ${base}/openapi.json
  Health / readiness       ${base}/healthz  ${base}/readyz
  WeChat DevTools          import this folder (project.config.json → miniapp/dist/weapp)
  WeChat sign-in           ${wechat ? `local stand-in at ${wechat.baseUrl} (set WECHAT_APPID and WECHAT_SECRET for the real service)` : 'the real WeChat API'}${adminNote}${demoNote}
Press Ctrl-C to stop everything.`)
  } catch (err) {
    console.error(`✘ ${err instanceof Error ? err.message : err}`)
    await stop(1)
  }
}

void main()
