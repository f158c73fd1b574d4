import type { Page } from 'playwright-core'
import { call as callApi } from '../support/api'
import { click, confirmDialog, desktopPage, e2eBase, fill, officePage, phonePage, textOf, widthShots } from '../support/browser'
import { useWalk } from '../support/walk'
import { buildE2eCommittee } from '../support/e2eCommittee'
import { buildApplication, buildCall } from '../support/factories'
import { buildPublicity } from '../support/objections'

/**
 * 异议 (第十八条) from filing to reply across the H5 mini-program and the workbench: a WeChat user
 * files against an entry of an open publicity list (real name, refused while incomplete, confirmed),
 * gets a receipt; the office investigates at a desk, records findings and puts it to the committee;
 * the chair dismisses it with reasons on a phone; the office replies; the objector sees each state
 * and the reply in 我的异议. Screenshots at 320 px and 1280 px go to test/artifacts/.
 */
const RUN = Date.now().toString(36)
const PASSWORD = 'Chair2026e2e'
jest.setTimeout(240_000)

const walk = useWalk()

const shots = (page: Page, name: string) => widthShots(page, `objection-${name}`)
const GROUNDS = '该组织申报材料中“一次合格率提升至 99.5%”的数据与其公开年报不一致，请核实数据来源。'

test('an objection goes from filing on a phone to the reply, through the office and the chair', async () => {
  const models = walk.db.models
  const callDoc = await buildCall(models)
  await buildE2eCommittee(models, callDoc._id, { run: RUN, chairLogin: `ychair${RUN}`, password: PASSWORD, groupName: `异议组${RUN}` })
  // The applicant's member signs in with a simulated WeChat code (again later in the browser).
  const applicantPerson = `yapp${RUN}`
  const applicant = await callApi({ base: e2eBase() }, 'POST', '/api/auth/wechat', { body: { code: `${applicantPerson}.1` } })
  const app = await buildApplication(models, { call: callDoc, state: 'qualified', memberIds: [applicant.body.me.id] })
  const list = await buildPublicity(models, { callId: callDoc._id, applications: [app] })
  const entry = list.entries[0]!

  // ---- The objector files on a phone (WeChat sign-in through the dev stand-in).
  const phone = await phonePage(walk.browser)
  await phone.goto(`${e2eBase()}/#/pages/me/index`)
  await fill(phone, '.me-dev-code', `objector${RUN}.1`)
  await click(phone, '.me-dev-login-submit')
  await phone.locator('.me-signed-in:visible').waitFor()
  await phone.goto(`${e2eBase()}/#/subpackages/objection/file/index?publicityId=${list._id}&entryId=${entry._id}`)
  await phone.locator('.objection-submit:visible').waitFor()
  expect(await textOf(phone, '.objection-real-name-notice')).toContain('不受理匿名异议')
  expect(await textOf(phone, '.objection-target-org')).toBe(entry.organizationName)
  await shots(phone, 'file')
  // Incomplete: the shared schema refuses it before anything is sent.
  await click(phone, '.objection-submit')
  await confirmDialog(phone)
  expect(await textOf(phone, '.objection-real-name .form-field-error')).toContain('不受理匿名异议')
  await fill(phone, '.objection-real-name', '赵异议')
  await fill(phone, '.objection-phone', '13812340000')
  await fill(phone, '.objection-grounds', GROUNDS)
  await click(phone, '.objection-submit')
  await confirmDialog(phone)
  const receipt = await textOf(phone, '.objection-receipt')
  expect(receipt).toMatch(/^YY\d{4}-/)
  await shots(phone, 'received')
  const objection = (await models.Objection.findOne({ receiptNumber: receipt }).lean())!
  expect(objection).toMatchObject({ state: 'received', grounds: GROUNDS.normalize('NFKC'), objector: { realName: '赵异议' } })

  // ---- The office at a desk: the queue, the objector's identity, investigate, findings, to the committee.
  const desk = await officePage(walk.browser, desktopPage)
  await desk.goto(`${e2eBase()}/#/subpackages/office/objections/index?callId=${callDoc._id}`)
  await desk.locator(`.office-objection-row[data-receipt="${receipt}"]:visible`).waitFor()
  await shots(desk, 'office-queue')
  await click(desk, `.office-objection-row[data-receipt="${receipt}"]`)
  expect(await textOf(desk, '.office-objection-objector-name')).toContain('赵异议')
  await click(desk, '.office-objection-investigate')
  await desk.locator('.office-objection-findings-form:visible').waitFor()

  // ---- The office asks the applicant to explain; the applicant answers on a phone, never seeing who objected.
  await fill(desk, '.office-objection-explain-text', '请说明申报材料中一次合格率数据的来源和统计口径。')
  await click(desk, '.office-objection-explain')
  await desk.locator('.office-objection-explanation:visible').waitFor()
  const org = await phonePage(walk.browser)
  await org.goto(`${e2eBase()}/#/pages/me/index`)
  await fill(org, '.me-dev-code', `${applicantPerson}.2`)
  await click(org, '.me-dev-login-submit')
  await org.locator('.me-signed-in:visible').waitFor()
  await org.goto(`${e2eBase()}/#/subpackages/org/applications/detail?id=${app._id}`)
  await org.locator('.explanation-request:visible').waitFor()
  expect(await textOf(org, '.explanation-request-text')).toContain('一次合格率数据的来源')
  const seen = await org.locator('.page:visible').innerText()
  for (const secret of ['赵异议', '13812340000', receipt]) expect(seen).not.toContain(secret)
  await fill(org, '.explanation-answer-text', '合格率数据取自经第三方审计的年度质量报告，统计口径为出厂检验一次合格。')
  await click(org, '.explanation-answer-submit')
  await confirmDialog(org)
  await org.locator('.explanation-answered:visible').waitFor()
  await shots(org, 'applicant-explanation')
  await desk.reload()
  await desk.locator('.office-objection-explanation:visible', { hasText: '第三方审计' }).waitFor()

  await fill(desk, '.office-objection-findings-text', '调阅该组织经审计的年度质量报告，合格率数据口径与申报一致。')
  await fill(desk, '.office-objection-verified-by', '办公室 刘核查')
  await click(desk, '.office-objection-record')
  await desk.locator('.office-objection-findings:visible').waitFor()
  await click(desk, '.office-objection-submit')
  await confirmDialog(desk)
  await desk.locator('.office-objection-state:visible', { hasText: '评审委员会审议中' }).waitFor()
  await shots(desk, 'office-detail')
  // Resizing re-lays the workbench out: the page still shows the objection as it is now.
  expect(await textOf(desk, '.office-objection-state')).toBe('评审委员会审议中')

  // The objector sees the state change.
  await phone.goto(`${e2eBase()}/#/subpackages/objection/mine/index`)
  await phone.locator(`.objection-mine-row[data-receipt="${receipt}"]:visible`).waitFor()
  expect(await textOf(phone, `.objection-mine-row[data-receipt="${receipt}"] .objection-mine-state`)).toBe('评审委员会审议中')

  // ---- The chair decides on a phone: no objector identity on the page.
  const chair = await phonePage(walk.browser)
  await chair.goto(`${e2eBase()}/#/pages/login/password`)
  await fill(chair, '.login-login', `ychair${RUN}`)
  await fill(chair, '.login-password', PASSWORD)
  await click(chair, '.login-submit')
  await chair.locator('.me-signed-in:visible').waitFor()
  await chair.goto(`${e2eBase()}/#/subpackages/expert/objections/index`)
  await click(chair, `.expert-objection-row[data-objection-id="${objection._id}"]`)
  await chair.locator('.expert-objection-decide:visible').waitFor()
  expect(await chair.locator('.page:visible').innerText()).not.toContain('赵异议')
  await fill(chair, '.expert-objection-reasons', '经审议，数据口径差异已由审计报告说明，异议不成立。')
  await click(chair, '.expert-objection-dismiss')
  await confirmDialog(chair)
  await chair.locator('.expert-objection-decision:visible').waitFor()
  await shots(chair, 'chair')
  expect(await textOf(chair, '.expert-objection-state')).toBe('异议不成立')

  // ---- The office replies; the objector reads the reply.
  await desk.reload()
  await desk.locator('.office-objection-reply-form:visible').waitFor()
  await fill(desk, '.office-objection-reply-text', '经调查核实并报评审委员会审议，您反映的问题不成立。感谢监督。')
  await click(desk, '.office-objection-reply')
  await confirmDialog(desk)
  await desk.locator('.office-objection-replied:visible').waitFor()

  await phone.goto(`${e2eBase()}/#/subpackages/objection/detail/index?id=${objection._id}`)
  await phone.locator('.objection-detail-reply:visible').waitFor()
  expect(await textOf(phone, '.objection-detail-state')).toBe('已答复')
  expect(await textOf(phone, '.objection-detail-outcome')).toContain('异议不成立')
  await shots(phone, 'detail')
  expect((await models.Objection.findById(objection._id).lean())!.history.map((h) => h.state)).toEqual(['received', 'investigating', 'findings_recorded', 'committee_review', 'dismissed', 'replied'])
})
