import { RETENTION_TABLE } from '@zlbg/shared'
import type { Models } from '../models'
import type { JobDefinition } from './runner'

/**
 * Purges for what a TTL index would expire on a real MongoDB: the embedded engine has no TTL indexes
 * (README, "The database"), so records are found by their dates and deleted here. Each purge is one
 * deleteMany by date: idempotent, and harmless if two instances ever ran it together.
 */
const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Personal data's periods come from the retention table (shared/src/retention.ts), which says why. */
export const RETENTION = {
  /** Kept a week after they ended, so a late request still hears "expired" rather than "unknown". */
  sessions: RETENTION_TABLE.sessions.period.days * DAY,
  /** Used or expired invite, bind and organization codes. */
  oneTimeCodes: RETENTION_TABLE.oneTimeCodes.period.days * DAY,
  /** Rate-limit and login counters untouched this long; the longest window is an hour, the longest lock 15 minutes. */
  counters: RETENTION_TABLE.loginCounters.period.days * DAY,
  /** Spent subscription credits. */
  subscriptionCredits: 30 * DAY,
  /** Delivered or skipped outbox records (their in-app messages stay); dead ones stay for the office. */
  outbox: 90 * DAY,
  /** Experts' file links (five minutes each, 第十三条): gone a day after they expired. */
  fileLinks: DAY,
} as const

const ago = (now: Date, ms: number) => new Date(now.getTime() - ms)

function purge(name: string, remove: (models: Models, now: Date) => Promise<{ deletedCount: number }>): JobDefinition {
  return {
    name: `purge.${name}`,
    everyMs: HOUR,
    async run({ models, now }) {
      const { deletedCount } = await remove(models, now())
      return `deleted ${deletedCount}`
    },
  }
}

export function purgeJobs(): JobDefinition[] {
  return [
    purge('sessions', ({ Session }, now) => {
      const before = ago(now, RETENTION.sessions)
      return Session.deleteMany({ $or: [{ expiresAt: { $lte: before } }, { revokedAt: { $lte: before } }] })
    }),
    purge('oneTimeCodes', ({ OneTimeCode }, now) => {
      const before = ago(now, RETENTION.oneTimeCodes)
      return OneTimeCode.deleteMany({ $or: [{ expiresAt: { $lte: before } }, { usedAt: { $lte: before } }] })
    }),
    purge('counters', ({ Counter }, now) =>
      Counter.deleteMany({
        updatedAt: { $lte: ago(now, RETENTION.counters) },
        $or: [{ lockedUntil: { $exists: false } }, { lockedUntil: { $lte: now } }],
      }),
    ),
    purge('subscriptionCredits', ({ SubscriptionCredit }, now) =>
      SubscriptionCredit.deleteMany({ usedAt: { $lte: ago(now, RETENTION.subscriptionCredits) } }),
    ),
    purge('outbox', ({ Outbox }, now) =>
      Outbox.deleteMany({ status: { $in: ['sent', 'skipped'] }, updatedAt: { $lte: ago(now, RETENTION.outbox) } }),
    ),
    purge('fileLinks', ({ FileLink }, now) => FileLink.deleteMany({ expiresAt: { $lte: ago(now, RETENTION.fileLinks) } })),
  ]
}
