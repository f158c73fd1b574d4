import mongoose from 'mongoose'
import type { Page } from 'playwright-core'
import { DEFAULT_PLEDGE_TEXT } from '@zlbg/shared'
import { hashPassword } from '../../server/src/auth/passwords'
import { committeeSaver } from '../../server/src/commands/committees/committeeSaver'
import { reviewStarter } from '../../server/src/commands/committees/reviewStarter'
import { loginKey } from '../../server/src/models/user'
import type { Actor } from '../../server/src/policies'
import { call as callApi } from '../support/api'
import { click, confirmDialog, desktopPage, e2eBase, fill, officePage, phonePage, textOf, widthShots } from '../support/browser'
import { startDefenseAndGiveSlot, useWalk } from '../support/walk'
import { buildApplication, buildCall } from '../support/factories'
import { expertInput } from '../support/reviewFactories'

/**
 * 合议与签署、答辩与现场考察 (第十一条, 第十六条, 第十七条) in the H5 build: the office records the
 * material round's deliberation at a desk, the chair signs it on a phone and the applications move;
 * the office starts the defense round and gives a slot, the applicant confirms it on a phone (seeing
 * time and place only, 第十三条); a site visit's findings show beside the defense round's decisions.
 * Screenshots of each page at 320 px and 1280 px go to test/artifacts/.
 */

const RUN = Date.now().toString(36)
const PASSWORD = 'Chair2026e2e'
jest.setTimeout(240_000)

const walk = useWalk()

const shots = (page: Page, name: string) => widthShots(page, `deliberation-${name}`)

const stateOf = async (id: string) => (await walk.db.models.Application.findById(id, { state: 1 }).lean())!.state

test('the office records a deliberation, the chair signs it on a phone, defense slots are confirmed by the applicant, a site visit’s findings show', async () => {
  const models = walk.db.models
  const office: Actor = { displayName: 'e2e', roles: ['office'], organizationIds: [] }
  // A call of its own, its committee formed, its applications in material review (第十六条).
  const callDoc = await buildCall(models)
  const callId = callDoc._id.toHexString()
  const experts: Record<string, { id: string; username?: string }> = {}
  for (const [key, name, competent] of [['chair', `主任${RUN}`, true], ['vice', `副主任${RUN}`, true], ['leader', `组长${RUN}`, false], ['member', `组员${RUN}`, false]] as const) {
    const username = key === 'chair' ? `chair${RUN}` : undefined
    const user = username ? await models.User.create({ logins: [loginKey.username(username)], username, displayName: name, passwordHash: await hashPassword(PASSWORD), roles: ['expert'] }) : undefined
    const doc = await models.Expert.create({ ...expertInput({ name, competent }), ...(user ? { userId: user._id } : {}) })
    experts[key] = { id: doc._id.toHexString(), ...(username ? { username } : {}) }
  }
  const committee = await committeeSaver({
    models,
    actor: office,
    callId: callDoc._id,
    input: {
      chairId: experts.chair!.id,
      viceChairIds: [experts.vice!.id],
      groups: [{ name: `制造业组${RUN}`, sectors: ['manufacturing'], industries: [], leaderId: experts.leader!.id, memberIds: [experts.member!.id] }],
      pledgeText: DEFAULT_PLEDGE_TEXT,
      reviewersPerApplication: 2,
      maxPerExpert: 10,
    },
  })
  const groupId = committee.groups[0]!._id
  // The applicant signs in with a simulated WeChat code; the same person in the browser later.
  const person = `dl${RUN}`
  const applicant = await callApi({ base: e2eBase() }, 'POST', '/api/auth/wechat', { body: { code: `${person}.1` } })
  const apps = [
    await buildApplication(models, { call: callDoc, state: 'qualified', memberIds: [applicant.body.me.id] }),
    await buildApplication(models, { call: callDoc, state: 'qualified' }),
    await buildApplication(models, { call: callDoc, state: 'qualified' }),
  ]
  const ids = apps.map((a) => a._id.toHexString())
  await models.Committee.updateOne({ _id: committee._id }, { $set: { placements: apps.map((a) => ({ applicationId: a._id, groupId, by: 'office', reason: 'e2e' })) } })
  await reviewStarter({ models, actor: office, callId: callDoc._id })
  await models.Application.updateMany({ _id: { $in: apps.map((a) => a._id) } }, { $set: { state: 'material_review' }, $push: { history: { state: 'material_review', at: new Date() } } })
  await models.Pledge.create({ callId: callDoc._id, expertId: new mongoose.Types.ObjectId(experts.chair!.id), userId: (await models.Expert.findById(experts.chair!.id).lean())!.userId!, version: committee.pledgeVersion, acceptedAt: new Date() })

  // ---- The office records the material round's deliberation at a desk (第十六条).
  const desk = await officePage(walk.browser, (b) => desktopPage(b))
  await desk.goto(`${e2eBase()}/#/subpackages/office/review/deliberations?callId=${callId}`)
  await desk.locator('.dl-new:visible').waitFor()
  for (const key of ['chair', 'vice', 'leader']) await click(desk, `.dl-attendees .chip[data-value="${experts[key]!.id}"]`)
  await click(desk, '.dl-create')
  const record = desk.locator('.dl-record--draft:visible')
  await record.waitFor()
  expect(await record.locator('.dl-item').count()).toBe(3)
  expect(await textOf(desk, '.dl-blockers')).toContain('3 件申报尚未作出结论')
  for (const [i, id] of ids.entries()) {
    await record.locator(`.dl-item[data-application-id="${id}"] .dl-decision .chip`).nth(i < 2 ? 0 : 1).click()
  }
  await record.locator('.dl-item').first().locator('.dl-notes input').fill('材料翔实，同意入围')
  await click(desk, '.dl-save')
  await desk.locator('.dl-ready:visible').waitFor()
  await shots(desk, 'office-material')
  expect(await stateOf(ids[0]!)).toBe('material_review')

  // ---- The chair signs on a phone (第十一条); only then do the applications move.
  const chair = await phonePage(walk.browser)
  await chair.setViewportSize({ width: 375, height: 812 })
  await chair.goto(`${e2eBase()}/#/pages/login/password`)
  await fill(chair, '.login-login', experts.chair!.username!)
  await fill(chair, '.login-password', PASSWORD)
  await click(chair, '.login-submit')
  await chair.locator('.me-signed-in:visible').waitFor()
  await chair.goto(`${e2eBase()}/#/subpackages/expert/deliberations`)
  await click(chair, '.expert-deliberation-row')
  await chair.locator('.sign-go:visible').waitFor()
  expect(await textOf(chair, '.sign-summary')).toBe('入围答辩评审 2 件，不入围 1 件')
  await shots(chair, 'chair-sign')
  await click(chair, '.sign-go')
  await confirmDialog(chair)
  await chair.locator('.sign-state:visible', { hasText: '已签署' }).waitFor()
  expect([await stateOf(ids[0]!), await stateOf(ids[1]!), await stateOf(ids[2]!)]).toEqual(['shortlisted', 'shortlisted', 'not_shortlisted'])

  // ---- Defense (第十七条): started, a slot made and given to the first application.
  await desk.goto(`${e2eBase()}/#/subpackages/office/review/defense?callId=${callId}`)
  await startDefenseAndGiveSlot(desk, { started: 2, place: '中国质量协会第三会议室', applicationId: ids[0]! })

  // ---- A site visit of the second application, its findings written up and completed.
  await click(desk, `.sv-app .chip[data-value="${ids[1]}"]`)
  await fill(desk, '.sv-reason', '核实成效数据来源')
  await fill(desk, '.sv-team', '考察员甲、考察员乙')
  await click(desk, '.sv-request-go')
  const visit = desk.locator('.sv-visit--requested:visible')
  await visit.waitFor()
  await visit.locator('.sv-findings textarea').fill('现场核实了改进项目台账，数据与申报一致')
  await visit.locator('.sv-conclusion input').fill('情况属实')
  await visit.locator('.sv-complete').click()
  await confirmDialog(desk)
  await desk.locator('.sv-visit--completed:visible').waitFor()
  await shots(desk, 'office-defense')
  expect(await stateOf(ids[1]!)).toBe('defense_review')

  // ---- The applicant sees the slot (time and place only) and confirms it, on a phone.
  const org = await phonePage(walk.browser)
  await org.setViewportSize({ width: 375, height: 812 })
  await org.goto(`${e2eBase()}/#/pages/me/index`)
  await fill(org, '.me-dev-code', `${person}.2`)
  await click(org, '.me-dev-login-submit')
  await org.locator('.me-signed-in:visible').waitFor()
  await org.goto(`${e2eBase()}/#/subpackages/org/applications/detail?id=${ids[0]}`)
  await org.locator('.defense-slot-confirm:visible').waitFor()
  expect(await textOf(org, '.defense-slot-place')).toContain('中国质量协会第三会议室')
  const seen = await textOf(org, '.application-detail')
  for (const secret of [`主任${RUN}`, `组长${RUN}`, `制造业组${RUN}`, '材料翔实']) expect(seen).not.toContain(secret)
  await click(org, '.defense-slot-confirm')
  await confirmDialog(org)
  await org.locator('.defense-slot-confirmed:visible').waitFor()
  await shots(org, 'applicant-slot')

  // ---- The defense round's deliberation shows the site visit's findings beside the decision.
  await desk.goto(`${e2eBase()}/#/subpackages/office/review/deliberations?callId=${callId}`)
  await desk.locator('.dl-new:visible').waitFor()
  await click(desk, '.dl-round .chip[data-value="defense"]')
  for (const key of ['chair', 'vice', 'leader']) await click(desk, `.dl-attendees .chip[data-value="${experts[key]!.id}"]`)
  await click(desk, '.dl-create')
  const defense = desk.locator('.dl-record--draft:visible')
  await defense.waitFor()
  expect(await defense.locator(`.dl-item[data-application-id="${ids[1]}"] .dl-site-visit`).innerText()).toContain('现场核实了改进项目台账')
  await shots(desk, 'office-defense-deliberation')
})
