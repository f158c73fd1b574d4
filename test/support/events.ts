import mongoose from 'mongoose'
import { inShanghai, type EventInput, type OfficeEvent } from '@zlbg/shared'
import { hashSecret, newToken } from '../../server/src/auth/secrets'
import { ensureListedOrganization, refreshListedOrganization } from '../../server/src/commands/listing/listedRecords'
import { loginKey } from '../../server/src/models/user'
import type { Models } from '../../server/src/models'
import { call, wechatUser } from './api'
import { buildOrganization, type BuiltOrganization } from './factories'
import type { TestServer } from './server'

const HOUR = 3600_000
const DAY = 24 * HOUR
let n = 0

/** Last year on the Beijing calendar: the year of a published list an event invites by default. */
export const lastYear = (now: Date = new Date()) => inShanghai(now).year() - 1

/**
 * Makes an organization listed for `years` the way publication does (issue 17's helpers): an
 * experience listed in each year under its listed organization, then the recount that sets
 * `Organization.listed` — whose members then hold `listed_org_member`.
 */
export async function makeListed(models: Models, org: Pick<BuiltOrganization, '_id' | 'name'>, years: number[]): Promise<mongoose.Types.ObjectId> {
  const listedOrg = await ensureListedOrganization(models, { name: org.name, organizationId: org._id })
  for (const year of years) {
    await models.ListedExperience.create({
      key: `test:${org._id.toHexString()}:${year}:${++n}`,
      year,
      source: 'import',
      state: 'listed',
      listedOrganizationId: listedOrg._id,
      organizationName: org.name,
      title: `全面质量管理典型经验${n}`,
      organizationId: org._id,
    })
  }
  await refreshListedOrganization(models, listedOrg._id)
  return listedOrg._id
}

/**
 * A signed-in WeChat user made directly (as the WeChat sign-in would: an openid, a session), so a test
 * can make dozens without meeting the sign-in's per-address limit.
 */
export async function signedInWeChatUser(models: Models, displayName = '微信用户') {
  const openid = `o-event-${new mongoose.Types.ObjectId().toHexString()}`
  const user = await models.User.create({ logins: [loginKey.wechat(openid)], wechatOpenid: openid, displayName, roles: [] })
  const token = newToken()
  const now = new Date()
  await models.Session.create({ tokenHash: hashSecret(token), userId: user._id, via: 'wechat', createdAt: now, expiresAt: new Date(now.getTime() + DAY) })
  return { id: user._id.toHexString(), token }
}

/** A WeChat user who is a member of an organization listed in `years` (default last year). */
export async function listedMember(t: TestServer, { years = [lastYear()], name, viaWeChat = false }: { years?: number[]; name?: string; viaWeChat?: boolean } = {}) {
  // Through the stand-in's sign-in when the test needs WeChat to know the openid (the content check judges its text).
  const user = viaWeChat ? await wechatUser(t) : await signedInWeChatUser(t.db.models)
  const org = await buildOrganization(t.db.models, { memberIds: [user.id], ...(name ? { name } : {}) })
  await makeListed(t.db.models, org, years)
  return { ...user, org, organizationId: org._id.toHexString() }
}

/** A valid event form, dated around `now`: registration open now, the event in ten days. */
export function eventBody(over: Partial<EventInput> = {}, now: Date = new Date()): EventInput {
  const at = (ms: number) => new Date(now.getTime() + ms).toISOString()
  return {
    title: `质量标杆经验交流会${++n}`,
    description: '邀请入选组织分享质量管理典型经验，交流数字化质量管控的做法与成效。',
    mode: 'offline',
    place: '北京市西城区月坛南街 中国质量协会 报告厅',
    startsAt: at(10 * DAY),
    endsAt: at(10 * DAY + 4 * HOUR),
    registrationOpensAt: at(-DAY),
    registrationClosesAt: at(8 * DAY),
    cancellationDeadline: at(9 * DAY),
    capacity: 2,
    listedYears: [lastYear(now)],
    publicQuota: 0,
    agenda: [{ at: '09:00', item: '开幕致辞' }],
    materialIds: [],
    ...over,
  }
}

/** An event made and published by the office through the API. */
export async function publishedEvent(t: TestServer, office: string, over: Partial<EventInput> = {}): Promise<OfficeEvent> {
  const created = await call<OfficeEvent>(t, 'POST', '/api/office/events', { token: office, body: eventBody(over) })
  if (created.status !== 201) throw new Error(`create event: ${created.status} ${JSON.stringify(created.body)}`)
  const published = await call<OfficeEvent>(t, 'POST', `/api/office/events/${created.body.id}/steps`, { token: office, body: { event: 'publish' } })
  if (published.status !== 200) throw new Error(`publish event: ${published.status} ${JSON.stringify(published.body)}`)
  return published.body
}

/** One attendee of a registration form. */
export function attendee(i: number, over: Partial<{ name: string; title: string; phone: string }> = {}) {
  return { name: `参会人${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${Math.floor(i / 10) || ''}`, title: '质量部经理', phone: `139${String(10_000_000 + (++n * 7919 + i) % 90_000_000).padStart(8, '0')}`, ...over }
}

export const DAY_MS = DAY
