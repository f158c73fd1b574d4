import type { Page } from 'playwright-core'
import { hashPassword } from '../../server/src/auth/passwords'
import { loginKey } from '../../server/src/models/user'
import { presentListedExperience } from '../../server/src/presenters/listing/experience'
import { call as callApi } from '../support/api'
import { click, confirmDialog, desktopPage, e2eBase, fill, officePage, passwordSignIn, phonePage, textOf, widthShots } from '../support/browser'
import { buildCall } from '../support/factories'
import { buildPublishedExperience } from '../support/removals'
import { useWalk } from '../support/walk'
import { buildE2eCommittee } from '../support/e2eCommittee'

/**
 * 移出名单与公告 (第二十一条) across the workbench and the mini-program: the office starts a removal at
 * a desk (the form refuses it incomplete), the chair confirms on a phone, the CAQ approver confirms at a
 * desk — the entry is marked removed and the announcement drafted — the office edits and publishes the
 * announcement, and the public reads it. Screenshots at 320 px and 1280 px go to test/artifacts/.
 */
const RUN = Date.now().toString(36)
const PASSWORD = 'Removal2026e2e'
jest.setTimeout(240_000)

const walk = useWalk()
const shots = (page: Page, name: string) => widthShots(page, `removal-${name}`)

const signIn = (page: Page, login: string) => passwordSignIn(page, login, PASSWORD)

test('a removal goes from the office through the chair and the approver to a published announcement', async () => {
  const models = walk.db.models
  const callDoc = await buildCall(models)
  await buildE2eCommittee(models, callDoc._id, { run: RUN, chairLogin: `rchair${RUN}`, password: PASSWORD, groupName: `移除组${RUN}` })
  const approverLogin = `rapprover${RUN}`
  await models.User.create({ logins: [loginKey.username(approverLogin)], username: approverLogin, displayName: `审批人${RUN}`, passwordHash: await hashPassword(PASSWORD), roles: ['approver'] })
  // The listed organization's member (WeChat), and its published experience.
  const member = await callApi({ base: e2eBase() }, 'POST', '/api/auth/wechat', { body: { code: `rmember${RUN}.1` } })
  const { experience, organization } = await buildPublishedExperience(models, { call: callDoc, memberIds: [member.body.me.id] })

  // ---- The office starts the removal at a desk.
  const desk = await officePage(walk.browser, desktopPage)
  await desk.goto(`${e2eBase()}/#/subpackages/office/removals/start`)
  await fill(desk, '.office-removal-candidates-filter-q', organization.name)
  await click(desk, '.office-removal-candidates-search')
  await desk.locator('.office-removal-candidate:visible', { hasText: organization.name }).waitFor()
  await shots(desk, 'pick')
  await click(desk, '.office-removal-candidate')
  // Incomplete: the shared schema refuses it before anything is sent.
  await click(desk, '.office-removal-submit')
  await desk.locator('.office-removal-facts .form-field-error:visible').waitFor()
  // Before filling: a screenshot at another width lays the page out again, and the form with it.
  await shots(desk, 'start')
  await click(desk, '.office-removal-reason-fraud')
  await fill(desk, '.office-removal-facts', '经核查，该组织申报材料中质量损失率下降的数据与其审计报告不符，系人为编造。')
  await click(desk, '.office-removal-submit')
  await confirmDialog(desk)
  await desk.locator('.office-removal .removal-state:visible', { hasText: '待主任委员确认' }).waitFor()
  const removal = (await models.Removal.findOne({ listedExperienceId: experience._id }).lean())!
  expect(removal).toMatchObject({ state: 'proposed', reasonType: 'fraud' })

  // ---- The chair confirms on a phone.
  const chair = await phonePage(walk.browser)
  await signIn(chair, `rchair${RUN}`)
  await chair.goto(`${e2eBase()}/#/subpackages/expert/removals/index`)
  await click(chair, `.expert-removal-row[data-removal-id="${removal._id}"]`)
  await chair.locator('.removal-decide:visible').waitFor()
  await shots(chair, 'chair')
  await fill(chair, '.removal-reason', '事实清楚，证据充分，同意移除。')
  await click(chair, '.removal-confirm')
  await confirmDialog(chair)
  await chair.locator('.removal-state:visible', { hasText: '待审批人确认' }).waitFor()

  // ---- The approver confirms at a desk: the entry leaves the list, the announcement is drafted.
  const approver = await desktopPage(walk.browser)
  await signIn(approver, approverLogin)
  await approver.goto(`${e2eBase()}/#/subpackages/office/removals/approvals`)
  await click(approver, `.removal-row[data-removal-id="${removal._id}"]`)
  await approver.locator('.removal-decide:visible').waitFor()
  await shots(approver, 'approver')
  await click(approver, '.removal-confirm')
  await confirmDialog(approver)
  await approver.locator('.removal-experience-removed:visible').waitFor()
  expect((await models.ListedExperience.findById(experience._id).lean())!.state).toBe('removed')
  expect((await models.Organization.findById(organization._id).lean())!.listed).toBe(false)

  // ---- The office reviews, edits and publishes the announcement.
  await desk.goto(`${e2eBase()}/#/subpackages/office/removals/detail?id=${removal._id}`)
  await desk.locator('.office-removal-announcement-body-input:visible').waitFor()
  const drafted = await desk.locator('.office-removal-announcement-body-input:visible textarea').inputValue()
  expect(drafted).toContain(organization.name)
  await fill(desk, '.office-removal-announcement-body-input', `${drafted}\n\n联系电话：010-00000000`)
  await click(desk, '.office-removal-save-announcement')
  await desk.locator('.office-removal-announcement:visible', { hasText: '修改于' }).waitFor()
  await click(desk, '.office-removal-publish')
  await confirmDialog(desk)
  await desk.locator('.office-removal-published:visible').waitFor()
  // The announcement's article for the official account, once it is published (第二十一条).
  await desk.locator('.article-actions--announcement:visible').waitFor()
  await shots(desk, 'published')

  // ---- The public reads it; the entry is marked removed and links it.
  const pub = await phonePage(walk.browser)
  await pub.goto(`${e2eBase()}/#/subpackages/announcement/list/index`)
  await click(pub, `.announcement-row[data-announcement-id="${removal._id}"]`)
  expect(await textOf(pub, '.announcement-detail-title')).toContain(organization.name)
  expect(await textOf(pub, '.announcement-detail-body')).toContain('联系电话：010-00000000')
  expect(await textOf(pub, '.announcement-experience-link')).toContain('已移除')
  await shots(pub, 'public')
  const listed = presentListedExperience((await models.ListedExperience.findById(experience._id).lean())!)
  expect(listed).toMatchObject({ state: 'removed', stateLabel: '已移除', removal: { announcementId: removal._id.toHexString(), reasonLabel: '申报材料弄虚作假' } })
})
