import mongoose, { Schema } from 'mongoose'

/** What a step records; the recorder adds who and when (audit/recorder.ts). */
export interface AuditEntry {
  action: string
  resource: { type: string; id?: string }
  from?: string
  to?: string
  reason?: string
  /** Makes a retried step record itself once: a second entry with the same key is skipped. */
  key?: string
  /** When it happened, if not now: a step recorded later (relayed after a crash) keeps its own time. */
  at?: Date
}

/**
 * The append-only audit log. The server only ever inserts here: no route or command updates or
 * deletes a record. One exception, by law: the retention job (jobs/retention.ts) removes `actor.ip`
 * once its period in the retention table has run (an IP address is personal information, 个人信息保护法
 * 第四条; 网络安全法 第二十一条 asks for six months of logs, we keep a year). Who (user id, name,
 * roles), when, what and why stay for good, so the trail still answers "who did this".
 */
export interface AuditRecord extends Omit<AuditEntry, 'at'> {
  _id: mongoose.Types.ObjectId
  at: Date
  actor: { userId?: mongoose.Types.ObjectId; displayName?: string; roles: string[]; ip?: string }
}

const AuditSchema = new Schema<AuditRecord>(
  {
    at: { type: Date, required: true },
    actor: {
      userId: Schema.Types.ObjectId,
      displayName: String,
      roles: [String],
      ip: String,
    },
    action: { type: String, required: true },
    resource: { type: { type: String, required: true }, id: String },
    from: String,
    to: String,
    reason: String,
    key: String,
  },
  { strict: 'throw', collection: 'audit' },
)
AuditSchema.index({ at: -1 })
AuditSchema.index({ 'actor.userId': 1, at: -1 })
AuditSchema.index({ 'resource.type': 1, 'resource.id': 1, at: -1 })
AuditSchema.index({ key: 1 })

export const auditModel = (connection: mongoose.Connection) => connection.model<AuditRecord>('Audit', AuditSchema)
