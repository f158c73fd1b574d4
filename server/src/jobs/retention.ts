import { APPLICATION_STATES, RETENTION_TABLE, applicationMachine, retentionCutoff, type RetentionKey } from '@zlbg/shared'
import { recordAudit } from '../audit/recorder'
import type { Models } from '../models'
import { loginKey } from '../models/user'
import { SYSTEM_ACTOR } from './qualification'
import type { JobContext, JobDefinition } from './runner'

/**
 * Personal data removed or anonymised when its period in the retention table (shared/src/retention.ts)
 * has run (个人信息保护法 第十九条、第四十七条). Each job finds due data by a date query (no TTL
 * index: the embedded engine has none) and changes only what is still there, so a second run finds
 * nothing and changes nothing. A run that changed something leaves one audit record with its count;
 * a run that changed nothing leaves none, so the audit log does not fill with empty runs.
 */
const DAY = 24 * 3_600_000
/** Per run, so one run stays short and a lost lease stops it between batches. */
const BATCH = 200

/**
 * States in which the review is over: the machine's final states and `published` (it can still be
 * removed, 第十九条, but the contacts' purpose — review, publicity, announcement — is fulfilled).
 */
export const CONCLUDED_APPLICATION_STATES = APPLICATION_STATES.filter((s) => applicationMachine.isFinal(s) || s === 'published')

type Remover = (ctx: JobContext, cutoff: Date) => Promise<number>

function retentionJob(key: RetentionKey, remove: Remover): JobDefinition {
  const row = RETENTION_TABLE[key]
  if (!('job' in row.enforcedBy)) throw new Error(`retention row ${key} has no job`)
  const name = row.enforcedBy.job
  return {
    name,
    everyMs: DAY,
    async run(ctx) {
      const now = ctx.now()
      const count = await remove(ctx, retentionCutoff(row.period, now))
      if (count > 0) {
        await recordAudit(ctx.models, SYSTEM_ACTOR, {
          action: name,
          resource: { type: 'retention', id: key },
          reason: `${row.then} ${count} 条：${row.what}（${row.where}）`,
          at: now,
        })
      }
      return `${row.then === '删除' ? 'removed' : 'anonymised'} ${count}`
    },
  }
}

/**
 * Runs `step` on batches of due documents until none is left or the lease is lost; answers how many
 * changed. A batch of documents all seen before ends it: they were kept on purpose or changed under us.
 */
async function inBatches<T extends { _id: { toString(): string } }>(
  { signal }: JobContext,
  find: () => Promise<T[]>,
  step: (doc: T) => Promise<boolean>,
): Promise<number> {
  let changed = 0
  const seen = new Set<string>()
  for (;;) {
    if (signal.aborted) return changed
    const docs = (await find()).filter((d) => !seen.has(d._id.toString()))
    if (docs.length === 0) return changed
    for (const doc of docs) {
      seen.add(doc._id.toString())
      if (await step(doc)) changed++
    }
  }
}

/** What an objector's name and phone read once removed (both stay required fields). */
export const ERASED = '（已删除）'

/** A non-empty contacts array; the `.0` path is how an empty one is told apart without $size. */
const HAS_CONTACTS = { $exists: true, $ne: [] }

export function retentionJobs(): JobDefinition[] {
  return [
    retentionJob('auditIp', async ({ models }, cutoff) => {
      // The one update audit records ever get (models/audit.ts says why).
      const res = await models.Audit.updateMany({ at: { $lte: cutoff }, 'actor.ip': { $exists: true } }, { $unset: { 'actor.ip': 1 } })
      return res.modifiedCount
    }),

    retentionJob('applicationContacts', async ({ models }, cutoff) => {
      const res = await models.Application.updateMany(
        { state: { $in: CONCLUDED_APPLICATION_STATES }, updatedAt: { $lte: cutoff }, 'profileSnapshot.contacts': HAS_CONTACTS },
        // Kept as an empty list: the rest of the snapshot is what was reviewed and stays.
        { $set: { 'profileSnapshot.contacts': [] } },
        // Not a change of the application: its updatedAt (the period's start) stays as it was.
        { timestamps: false },
      )
      return res.modifiedCount
    }),

    retentionJob('profileContacts', (ctx, cutoff) => {
      const { Organization, Application } = ctx.models
      const due = { profileUpdatedAt: { $lte: cutoff }, 'profile.contacts': HAS_CONTACTS }
      let skip = 0
      return inBatches(
        ctx,
        // Kept organizations stay due; skipping them reaches the ones behind.
        () => Organization.find(due, { _id: 1 }).sort({ _id: 1 }).skip(skip).limit(BATCH).lean(),
        async (org) => {
          // An organization with an application changed since the cutoff is still in use: kept.
          if (await Application.exists({ organizationId: org._id, updatedAt: { $gt: cutoff } })) {
            skip++
            return false
          }
          const res = await Organization.updateOne({ _id: org._id, ...due }, { $set: { 'profile.contacts': [] } }, { timestamps: false })
          return res.modifiedCount === 1
        },
      )
    }),

    retentionJob('disabledWechatIds', (ctx, cutoff) => {
      const { User } = ctx.models
      const due = { disabled: true, updatedAt: { $lte: cutoff }, wechatOpenid: { $exists: true } }
      return inBatches(
        ctx,
        () => User.find(due, { logins: 1, wechatOpenid: 1 }).sort({ _id: 1 }).limit(BATCH).lean(),
        async (user) => {
          const logins = user.logins.filter((l) => l !== loginKey.wechat(user.wechatOpenid!))
          const res = await User.updateOne(
            { _id: user._id, disabled: true, wechatOpenid: user.wechatOpenid },
            // logins is never empty (models/user.ts): a WeChat-only account keeps a placeholder.
            { $set: { logins: logins.length ? logins : [loginKey.removed(user._id)] }, $unset: { wechatOpenid: 1, wechatUnionid: 1 } },
            { timestamps: false },
          )
          return res.modifiedCount === 1
        },
      )
    }),

    retentionJob('objectors', (ctx, cutoff) => {
      const { Objection, Attachment } = ctx.models
      const due = { state: 'replied', 'reply.at': { $lte: cutoff }, 'objector.phone': { $ne: ERASED } }
      return inBatches(
        ctx,
        () => Objection.find(due, { 'objector.sealLetterId': 1 }).sort({ _id: 1 }).limit(BATCH).lean(),
        async (doc) => {
          // The case and its handling stay; who objected goes. The sealed letter names them: released
          // from the objection, the attachment purge removes it with other unclaimed files.
          const res = await Objection.updateOne(
            { _id: doc._id, ...due },
            { $set: { 'objector.realName': ERASED, 'objector.phone': ERASED }, $unset: { 'objector.contactPerson': 1, 'objector.sealLetterId': 1 } },
            { timestamps: false },
          )
          if (doc.objector.sealLetterId) await Attachment.updateOne({ _id: doc.objector.sealLetterId }, { $unset: { owner: 1 } })
          return res.modifiedCount === 1
        },
      )
    }),

    retentionJob('messages', async ({ models }, cutoff) => {
      const res = await models.Message.deleteMany({ createdAt: { $lte: cutoff } })
      return res.deletedCount
    }),
  ]
}
