import { randomBytes } from 'node:crypto'
import { errors, jwtVerify, SignJWT } from 'jose'
import QRCode from 'qrcode'
import { CHECKIN_GRACE_HOURS, TICKET_AUDIENCE, TICKET_TTL_HOURS, type TicketPass } from '@zlbg/shared'
import { AppError } from '../../http/errors'

const HOUR = 3600_000
const OBJECT_ID = /^[0-9a-f]{24}$/
/** A compact JWS: three base64url parts. A check-in code has no dot. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

export interface TicketClaims {
  registrationId: string
  eventId: string
}

export interface TicketSigner {
  issue(ticket: TicketClaims & { endsAt: Date; checkInCode: string }, now: Date): Promise<TicketPass>
  /** The claims of a token this server signed, for this purpose, not expired at `now`; else 422 CHECKIN_TOKEN_INVALID / _EXPIRED. */
  verify(token: string, now: Date): Promise<TicketClaims>
}

/** Whether what the office scanned or typed is a ticket's token rather than a short check-in code. */
export const isTicketToken = (credential: string) => COMPACT_JWS.test(credential)

const seconds = (d: Date) => Math.floor(d.getTime() / 1000)

/**
 * The check-in ticket's token (第二十条): a JWS (HS256, jose) whose subject is the registration and
 * whose `evt` is its event, for the audience TICKET_AUDIENCE, expiring TICKET_TTL_HOURS after it is
 * issued and never later than CHECKIN_GRACE_HOURS after the event ends. `secret` is
 * CHECKIN_TOKEN_SECRET (config.ts), the same on every instance, so any instance verifies what another
 * signed. Only HS256 is accepted on the way in: a token naming another algorithm (or `none`) is refused.
 */
export function ticketSigner(secret: Uint8Array): TicketSigner {
  return {
    async issue({ registrationId, eventId, endsAt, checkInCode }, now) {
      const expiresAt = new Date(Math.min(now.getTime() + TICKET_TTL_HOURS * HOUR, endsAt.getTime() + CHECKIN_GRACE_HOURS * HOUR))
      const token = await new SignJWT({ evt: eventId })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(registrationId)
        .setAudience(TICKET_AUDIENCE)
        .setIssuedAt(seconds(now))
        .setExpirationTime(seconds(expiresAt))
        .sign(secret)
      // Error correction M: still read from a phone screen with glare; the image stays a few KB.
      const qrDataUrl = await QRCode.toDataURL(token, { errorCorrectionLevel: 'M', margin: 2, scale: 6 })
      return { token, qrDataUrl, expiresAt: expiresAt.toISOString(), checkInCode }
    },

    async verify(token, now) {
      let payload: Record<string, unknown>
      try {
        ;({ payload } = await jwtVerify(token, secret, {
          algorithms: ['HS256'],
          audience: TICKET_AUDIENCE,
          currentDate: now,
          requiredClaims: ['sub', 'exp', 'evt'],
        }))
      } catch (err) {
        if (err instanceof errors.JWTExpired) throw new AppError('CHECKIN_TOKEN_EXPIRED')
        throw new AppError('CHECKIN_TOKEN_INVALID')
      }
      const { sub, evt } = payload
      if (typeof sub !== 'string' || typeof evt !== 'string' || !OBJECT_ID.test(sub) || !OBJECT_ID.test(evt)) throw new AppError('CHECKIN_TOKEN_INVALID')
      return { registrationId: sub, eventId: evt }
    },
  }
}

/**
 * The signing key: CHECKIN_TOKEN_SECRET when set (production requires it, config.ts); otherwise a
 * random key of this process — development only: its tickets stop scanning after a restart (the
 * short code still works) and another instance would not accept them.
 */
export function ticketKey(secret: string | undefined): Uint8Array {
  return secret ? new TextEncoder().encode(secret) : new Uint8Array(randomBytes(32))
}
