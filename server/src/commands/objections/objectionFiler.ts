import { randomBytes } from 'node:crypto'
import mongoose from 'mongoose'
import { inShanghai, type ObjectionFileSchema } from '@zlbg/shared'
import type { z } from 'zod'
import { claimAttachments, releaseAttachments } from '../../attachments'
import { isDuplicateKey } from '../../db/duplicateKey'
import { AppError } from '../../http/errors'
import { consume } from '../../http/rateLimit'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { ObjectionRecord, PublicityRecord } from '../../models/publicity'
import type { Actor } from '../../policies'
import { requireAcceptableText, SECURITY_SCENES, type ContentSecurity } from '../../wechat/contentSecurity'
import { applyCreate } from '../../workflow/transition'
import { objectorNotice } from './objectorNotices'

type FileInput = z.output<typeof ObjectionFileSchema>

/** Public writes are limited per person and per address, counted in the database (like organizations). */
export const OBJECTION_LIMITS = { perUser: { max: 10, windowSeconds: 3600 }, perIp: { max: 60, windowSeconds: 3600 } }

/** Crockford's base 32 without I, L, O, U: a receipt read aloud over the phone is not misheard. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * A receipt number the objector is given at once: `YY` + year + 10 random characters (50 bits), so
 * it says nothing of how many objections there are and cannot be guessed; the unique index catches
 * the astronomically rare repeat, and the filer draws again.
 */
export function drawReceiptNumber(now: Date): string {
  const bytes = randomBytes(10)
  const chars = [...bytes].map((b) => ALPHABET[b % 32]).join('')
  return `YY${inShanghai(now).year()}-${chars.slice(0, 5)}-${chars.slice(5)}`
}

const when = (d: Date) => inShanghai(d).format('YYYY年M月D日 HH:mm:ss')

/** 第十八条: objections are received while the list is public — from 00:00 of its first day to 23:59:59.999 of its fifth working day. */
export function assertWindowOpen(list: Pick<PublicityRecord, 'window'>, at: Date): void {
  if (at.getTime() < list.window.opensAt.getTime()) {
    throw new AppError('OBJECTION_WINDOW_CLOSED', { message: `公示期自 ${when(list.window.opensAt)} 开始，届时方可提出异议` })
  }
  if (at.getTime() > list.window.closesAt.getTime()) {
    throw new AppError('OBJECTION_WINDOW_CLOSED', { message: `公示期已于 ${when(list.window.closesAt)} 结束，不再受理异议` })
  }
}

const oid = (id: string | mongoose.Types.ObjectId) => new mongoose.Types.ObjectId(String(id))

/** The first objection of this filer and key, if any: what a retried tap is answered with. */
const earlier = (models: Models, filedBy: mongoose.Types.ObjectId, idempotencyKey: string) =>
  models.Objection.findOne({ filedBy, idempotencyKey }, { pendingEffects: 0 }).lean<ObjectionRecord>()

/**
 * Filings one instance works on at once, and the share of its time a burst of them may take; the rest
 * wait in memory once their caller and input are checked (http/admission.ts, the route's admission in
 * app.ts). The public reads the same list on the same instance while a burst arrives (issue 16): one
 * filing at a time, each followed by a rest three times as long as it took (at most 250 ms) while others
 * wait, leaves the reads about three quarters of the event loop (bench/objections.ts).
 */
export const FILING_CONCURRENCY = 1
export const FILING_BURST_SHARE = 0.25
/**
 * How many filings may wait on one instance; the next is refused at once (503 SERVER_BUSY with
 * Retry-After; the form keeps its idempotency key, so trying again files once). At the ~13 filings a
 * second the bench measures, 600 are through in about 45 s, within the 60 s the mini-program waits for
 * this request; more would only time out after holding a socket and a body in memory.
 */
export const FILING_MAX_WAITING = 600
/**
 * How many of one person's filings may be in line at once (a tap, its retries, an impatient double tap):
 * one more is refused at once (429 RATE_LIMITED). The hourly limits are counted inside the filing, after
 * the line; without this one signed-in account could fill the line everyone else waits in.
 */
export const FILING_PER_CALLER = 4

/**
 * Files an objection (第十八条) for a signed-in WeChat user:
 *
 * 1. a retried request (same filer, same idempotency key) is answered with the first objection's
 *    receipt before anything else — it is not counted against the limits and files nothing;
 * 2. limits per person and per address; the entry must be on an open list;
 * 3. the text passes WeChat's content check (risky: 422, nothing kept; not judged: kept, moderation
 *    'pending' for the office, and still received at its time);
 * 4. the seal letter and evidence must be the filer's own fresh uploads;
 * 5. the clock is read once more right before the insert, and that instant is both the window check
 *    and `filedAt`: 23:59:59.999 on the last day is received, the next millisecond refused with the
 *    closing time. Two concurrent retries meet at the unique (filedBy, idempotencyKey) index: the
 *    loser answers the winner's receipt.
 */
export async function objectionFiler({
  models,
  contentSecurity,
  actor,
  input,
  clock = () => new Date(),
  logger,
}: {
  models: Models
  contentSecurity: ContentSecurity
  actor: Actor
  input: FileInput
  clock?: () => Date
  logger?: Logger
}): Promise<{ objection: ObjectionRecord; created: boolean }> {
  const filedBy = oid(actor.userId!)
  const first = await earlier(models, filedBy, input.idempotencyKey)
  if (first) return { objection: first, created: false }

  await consume(models, `objection.file:user:${actor.userId}`, OBJECTION_LIMITS.perUser)
  await consume(models, `objection.file:ip:${actor.ip}`, OBJECTION_LIMITS.perIp)

  const entryId = oid(input.entryId)
  const list = await models.Publicity.findById(input.publicityId, { callId: 1, state: 1, window: 1, entries: { $elemMatch: { _id: entryId } } }).lean<PublicityRecord>()
  const entry = list?.entries?.[0]
  if (!list || !entry) throw new AppError('PUBLICITY_NOT_FOUND')
  if (entry.status !== 'listed') throw new AppError('OBJECTION_WINDOW_CLOSED', { message: '该条目已结束公示，不再受理异议' })
  assertWindowOpen(list, clock())

  const user = await models.User.findById(filedBy, { wechatOpenid: 1 }).lean()
  const text = [input.grounds, input.organizationName, input.contactPerson, input.realName].filter(Boolean).join('\n')
  const verdict = await requireAcceptableText(contentSecurity, { text, ...(user?.wechatOpenid ? { openid: user.wechatOpenid } : {}), scene: SECURITY_SCENES.comment })

  const _id = new mongoose.Types.ObjectId()
  const owner = { type: 'objection' as const, id: _id }
  const refs = [...(input.sealLetterId ? [input.sealLetterId] : []), ...input.evidenceIds].map((attachmentId) => ({ attachmentId }))
  const offset = input.sealLetterId ? 1 : 0
  try {
    await claimAttachments(models, actor, refs, owner, (i) => (i < offset ? 'sealLetterId' : `evidenceIds.${i - offset}`))
  } catch (err) {
    // A concurrent retry of the same filing claimed these files first: it is the one that files.
    const winner = await earlier(models, filedBy, input.idempotencyKey)
    if (winner) return { objection: winner, created: false }
    throw err
  }

  for (let attempt = 0; ; attempt++) {
    const filedAt = clock()
    const receiptNumber = drawReceiptNumber(filedAt)
    try {
      assertWindowOpen(list, filedAt)
      const doc = await applyCreate<ObjectionRecord>({
        models,
        model: models.Objection,
        actor,
        now: filedAt,
        to: 'received',
        // The receipt in the message center, queued inside the insert itself.
        notices: [objectorNotice({ _id, filedBy, receiptNumber, decision: undefined }, 'received')],
        ...(logger ? { logger } : {}),
        doc: {
          _id,
          receiptNumber,
          publicityId: list._id,
          callId: list.callId,
          entryId,
          applicationId: entry.applicationId,
          filedBy,
          idempotencyKey: input.idempotencyKey,
          filedAt,
          objector: {
            kind: input.kind,
            realName: input.realName,
            phone: input.phone,
            ...(input.kind === 'organization'
              ? { organizationName: input.organizationName, contactPerson: input.contactPerson, sealLetterId: oid(input.sealLetterId!) }
              : {}),
          },
          grounds: input.grounds,
          evidenceIds: input.evidenceIds.map(oid),
          moderation: verdict === 'pass' ? 'passed' : 'pending',
          state: 'received',
          history: [{ state: 'received', at: filedAt }],
        },
      })
      return { objection: doc, created: true }
    } catch (err) {
      const duplicate = isDuplicateKey(err)
      if (duplicate) {
        const winner = await earlier(models, filedBy, input.idempotencyKey)
        if (winner) {
          await releaseAttachments(models, owner)
          return { objection: winner, created: false }
        }
        // Otherwise the receipt number repeated: draw again.
        if (attempt < 3) continue
      }
      await releaseAttachments(models, owner)
      throw err
    }
  }
}
