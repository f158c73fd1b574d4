import { SignJWT } from 'jose'
import { CheckInInputSchema, registrationMachine, TICKET_AUDIENCE, type RegistrationEvent, type RegistrationState, type Role } from '@zlbg/shared'
import { isTicketToken, ticketSigner } from '../../server/src/commands/events/checkInTickets'
import { normalizeCheckInCode } from '../../server/src/commands/events/checkInRecorder'

const HOUR = 3600_000
const SECRET = new TextEncoder().encode('unit-test-secret-of-at-least-32-characters')
const REG = '0123456789abcdef01234567'
const EVT = '89abcdef0123456789abcdef'
const now = new Date('2026-06-01T02:00:00Z')
const signer = ticketSigner(SECRET)
const issue = (endsAt: Date, at = now) => signer.issue({ registrationId: REG, eventId: EVT, endsAt, checkInCode: 'AB12CD34' }, at)

describe('第二十条 the check-in ticket: a signed, expiring token', () => {
  test('verifies to its registration and event until it expires, 24 hours after issue at the latest', async () => {
    const pass = await issue(new Date(now.getTime() + 72 * HOUR))
    expect(Date.parse(pass.expiresAt)).toBe(now.getTime() + 24 * HOUR)
    expect(pass.qrDataUrl).toMatch(/^data:image\/png;base64,/)
    expect(await signer.verify(pass.token, new Date(now.getTime() + 23 * HOUR))).toEqual({ registrationId: REG, eventId: EVT })
    await expect(signer.verify(pass.token, new Date(now.getTime() + 25 * HOUR))).rejects.toMatchObject({ code: 'CHECKIN_TOKEN_EXPIRED' })
  })

  test('never valid past the end of the event plus 2 hours', async () => {
    const endsAt = new Date(now.getTime() + 3 * HOUR)
    const pass = await issue(endsAt)
    expect(Date.parse(pass.expiresAt)).toBe(endsAt.getTime() + 2 * HOUR)
    await expect(signer.verify(pass.token, new Date(endsAt.getTime() + 2 * HOUR + 1000))).rejects.toMatchObject({ code: 'CHECKIN_TOKEN_EXPIRED' })
  })

  test.each<[string, () => Promise<string>]>([
    ['another key', async () => (await ticketSigner(new TextEncoder().encode('another-secret-of-at-least-32-characters!')).issue({ registrationId: REG, eventId: EVT, endsAt: new Date(now.getTime() + HOUR), checkInCode: 'X' }, now)).token],
    ['another audience', () => new SignJWT({ evt: EVT }).setProtectedHeader({ alg: 'HS256' }).setSubject(REG).setAudience('zlbg:session').setExpirationTime(Math.floor(now.getTime() / 1000) + 3600).sign(SECRET)],
    ['another algorithm (HS512)', () => new SignJWT({ evt: EVT }).setProtectedHeader({ alg: 'HS512' }).setSubject(REG).setAudience(TICKET_AUDIENCE).setExpirationTime(Math.floor(now.getTime() / 1000) + 3600).sign(new TextEncoder().encode('x'.repeat(64)))],
    ['no expiry', () => new SignJWT({ evt: EVT }).setProtectedHeader({ alg: 'HS256' }).setSubject(REG).setAudience(TICKET_AUDIENCE).sign(SECRET)],
    ['no event', () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(REG).setAudience(TICKET_AUDIENCE).setExpirationTime(Math.floor(now.getTime() / 1000) + 3600).sign(SECRET)],
    ['a subject that is no id', () => new SignJWT({ evt: EVT }).setProtectedHeader({ alg: 'HS256' }).setSubject('{"$ne":null}').setAudience(TICKET_AUDIENCE).setExpirationTime(Math.floor(now.getTime() / 1000) + 3600).sign(SECRET)],
    ['garbage', async () => 'a.b.c'],
  ])('refused as invalid: a token with %s', async (_what, make) => {
    await expect(signer.verify(await make(), now)).rejects.toMatchObject({ code: 'CHECKIN_TOKEN_INVALID' })
  })

  test('a scanned token is told from a typed code; a code is matched without spaces, in upper case', async () => {
    expect(isTicketToken((await issue(new Date(now.getTime() + HOUR))).token)).toBe(true)
    expect(isTicketToken('AB12CD34')).toBe(false)
    expect(normalizeCheckInCode(' ab12 cd34 ')).toBe('AB12CD34')
    expect(CheckInInputSchema.safeParse({ credential: '  ' }).success).toBe(false)
    expect(CheckInInputSchema.safeParse({ credential: 'AB12', extra: 1 }).success).toBe(false)
  })
})

describe('第二十条 the registration machine: checking in and no-shows are the office’s', () => {
  const cases: [RegistrationState, RegistrationEvent, Role[], RegistrationState | 'EVENT_NOT_ACCEPTED' | 'ROLE_NOT_ALLOWED'][] = [
    ['confirmed', 'checkIn', ['office'], 'attended'],
    ['confirmed', 'checkIn', ['listed_org_member'], 'ROLE_NOT_ALLOWED'],
    ['confirmed', 'markNoShow', ['office'], 'no_show'],
    ['attended', 'checkIn', ['office'], 'EVENT_NOT_ACCEPTED'],
    ['attended', 'markNoShow', ['office'], 'EVENT_NOT_ACCEPTED'],
    ['waitlisted', 'checkIn', ['office'], 'EVENT_NOT_ACCEPTED'],
    ['cancelled', 'checkIn', ['office'], 'EVENT_NOT_ACCEPTED'],
    ['no_show', 'checkIn', ['office'], 'EVENT_NOT_ACCEPTED'],
    ['waitlisted', 'markNoShow', ['office'], 'EVENT_NOT_ACCEPTED'],
  ]
  test.each(cases)('%s --%s--> by %j: %s', (from, event, roles, expected) => {
    const result = registrationMachine.transition(from, event, { roles })
    expect(result.ok ? result.to : result.reason).toBe(expected)
  })
})
