import mongoose, { Schema } from 'mongoose'
import { ATTACHMENT_CONTENT_TYPES, type AttachmentContentType } from '@zlbg/shared'

export const ATTACHMENT_OWNER_TYPES = ['call', 'organization', 'application', 'siteVisit', 'objection', 'removal', 'event'] as const
export type AttachmentOwnerType = (typeof ATTACHMENT_OWNER_TYPES)[number]

/**
 * An uploaded file's record; the bytes live in the file storage under `storageKey`. A fresh upload
 * belongs to its uploader only; the first form that names it (a call, a profile, an application)
 * becomes its owner, and from then on it is downloaded only through that owner's policy-checked route.
 */
export interface AttachmentRecord {
  _id: mongoose.Types.ObjectId
  filename: string
  contentType: AttachmentContentType
  size: number
  /** SHA-256 of the content, hex. */
  sha256: string
  storageKey: string
  uploadedBy: mongoose.Types.ObjectId
  owner?: { type: AttachmentOwnerType; id: mongoose.Types.ObjectId }
  createdAt: Date
  updatedAt: Date
}

const AttachmentSchema = new Schema<AttachmentRecord>(
  {
    filename: { type: String, required: true },
    contentType: { type: String, enum: ATTACHMENT_CONTENT_TYPES, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    storageKey: { type: String, required: true },
    uploadedBy: { type: Schema.Types.ObjectId, required: true },
    owner: {
      _id: false,
      type: { type: String, enum: ATTACHMENT_OWNER_TYPES },
      id: { type: Schema.Types.ObjectId },
    },
  },
  { timestamps: true, strict: 'throw' },
)
AttachmentSchema.index({ 'owner.id': 1 })
// Unclaimed uploads are purged after a day (jobs/attachments.ts): queried by date, no TTL index.
AttachmentSchema.index({ 'owner.type': 1, createdAt: 1 })

export const attachmentModel = (connection: mongoose.Connection) =>
  connection.model<AttachmentRecord>('Attachment', AttachmentSchema)
