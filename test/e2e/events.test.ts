import mongoose from 'mongoose'
import type { Page } from 'playwright-core'
import { EventInputSchema } from '@zlbg/shared'
import { eventStepper } from '../../server/src/commands/events/eventStepper'
import { eventCreator } from '../../server/src/commands/events/eventWriter'
import type { Actor } from '../../server/src/policies'
import { call as callApi } from '../support/api'
import { click, confirmDialog, desktopPage, e2eBase, fill, officePage, phonePage, textOf, widthShots } from '../support/browser'
import { eventBody, lastYear, makeListed } from '../support/events'
import { buildOrganization } from '../support/factories'
import { useWalk } from '../support/walk'

/**
 * 交流活动 (第二十条) across the H5 mini-program and the workbench: the office's event (one seat) is in
 * the 活动 tab; a member of a listed organization registers an attendee (confirmed), a member of
 * another is waitlisted (第 1 位); the first cancels, the second is promoted, told, and sees it in 我的报名;
 * the office sees both in the registration list. Screenshots at 320 px and 1280 px go to test/artifacts/.
 */
const RUN = Date.now().toString(36)
jest.setTimeout(240_000)

const walk = useWalk()
const shots = (page: Page, name: string) => widthShots(page, `event-${name}`)

/** A WeChat user (signed in once through the API to learn their id) who is a member of a listed organization; signed in again on a phone. */
async function listedMemberOnPhone(person: string, orgName: string) {
  const first = await callApi({ base: e2eBase() }, 'POST', '/api/auth/wechat', { body: { code: `${person}.1` } })
  const org = await buildOrganization(walk.db.models, { memberIds: [first.body.me.id], name: orgName })
  await makeListed(walk.db.models, org, [lastYear()])
  const page = await phonePage(walk.browser)
  await page.goto(`${e2eBase()}/#/pages/me/index`)
  await fill(page, '.me-dev-code', `${person}.2`)
  await click(page, '.me-dev-login-submit')
  await page.locator('.me-signed-in:visible').waitFor()
  return { page, userId: first.body.me.id as string }
}

async function registerOne(page: Page, eventId: string, attendee: { name: string; title: string; phone: string }) {
  await page.goto(`${e2eBase()}/#/subpackages/event/detail/index?id=${eventId}`)
  await page.locator('.event-register-submit:visible').waitFor()
  await fill(page, '.event-attendee-name', attendee.name)
  await fill(page, '.event-attendee-title', attendee.title)
  await fill(page, '.event-attendee-phone', attendee.phone)
  await click(page, '.event-register-submit')
  await confirmDialog(page)
  await page.locator('.event-register-done:visible').waitFor()
}

test('a listed member registers (confirmed), another is waitlisted, the first cancels and the second is promoted and sees it', async () => {
  const models = walk.db.models
  const office: Actor = { displayName: 'e2e', roles: ['office'], organizationIds: [], userId: new mongoose.Types.ObjectId().toHexString() }
  const title = `经验交流会${RUN}`
  // Listed in last year (Beijing's year minus one, as eventBody invites by default).
  const created = await eventCreator({ models, actor: office, input: EventInputSchema.parse(eventBody({ title, capacity: 1 })) })
  const eventId = created._id.toHexString()
  await eventStepper({ models, actor: office, id: eventId, step: 'publish' })

  // ---- The 活动 tab shows it, with its one seat.
  const a = await listedMemberOnPhone(`eva${RUN}`, `甲质量科技有限公司${RUN}`)
  await a.page.goto(`${e2eBase()}/#/pages/events/index`)
  const card = a.page.locator(`.event-card[data-id="${eventId}"]:visible`)
  await card.waitFor()
  expect(await card.innerText()).toContain('余 1 / 1 席')
  await shots(a.page, 'tab')

  // ---- A registers: confirmed.
  await registerOne(a.page, eventId, { name: '王甲', title: '质量部经理', phone: '13912340001' })
  expect(await textOf(a.page, '.event-register-done')).toContain('1 人已确认')
  await a.page.locator('.event-registration[data-state="confirmed"]:visible').waitFor()
  await shots(a.page, 'registered')

  // ---- B registers: the seat is taken, waitlisted first in line.
  const b = await listedMemberOnPhone(`evb${RUN}`, `乙质量科技有限公司${RUN}`)
  await registerOne(b.page, eventId, { name: '李乙', title: '质量总监', phone: '13912340002' })
  expect(await textOf(b.page, '.event-register-done')).toContain('1 人候补中')
  expect(await textOf(b.page, '.event-registration[data-state="waitlisted"] .event-registration-state')).toBe('候补中 · 候补第 1 位')
  await shots(b.page, 'waitlisted')

  // ---- A cancels in 我的报名 (asked first).
  await a.page.goto(`${e2eBase()}/#/subpackages/event/mine/index`)
  await a.page.locator('.event-registration[data-state="confirmed"]:visible').waitFor()
  await click(a.page, '.event-registration-cancel')
  await confirmDialog(a.page)
  await a.page.locator('.event-registration[data-state="cancelled"]:visible').waitFor()

  // ---- B is promoted, told, and sees it.
  await b.page.goto(`${e2eBase()}/#/subpackages/event/mine/index`)
  await b.page.locator('.event-registration[data-state="confirmed"]:visible').waitFor()
  expect(await textOf(b.page, '.event-registration-state')).toBe('已确认')
  await b.page.locator('.event-registration-ticket:visible').waitFor()
  await shots(b.page, 'promoted')
  const told = await models.Outbox.find({ recipientUserId: b.userId, kind: 'event.promoted', channel: 'inapp' }).lean()
  expect(told).toHaveLength(1)
  expect(told[0]!.content.body).toContain('李乙')

  // ---- The office at a desk: the event in 交流活动, its registration list.
  const desk = await officePage(walk.browser, desktopPage)
  await desk.goto(`${e2eBase()}/#/subpackages/office/events/index`)
  await desk.locator(`.office-event-row[data-id="${eventId}"]:visible`).waitFor()
  await shots(desk, 'office-list')
  await click(desk, `.office-event-row[data-id="${eventId}"]`)
  await desk.locator('.office-event-step-closeRegistration:visible').waitFor()
  await shots(desk, 'office-edit')
  await click(desk, '.office-event-registrations')
  await desk.locator('.office-registration-row[data-name="李乙"][data-state="confirmed"]:visible').waitFor()
  await desk.locator('.office-registration-row[data-name="王甲"][data-state="cancelled"]:visible').waitFor()
  await shots(desk, 'office-registrations')
})
