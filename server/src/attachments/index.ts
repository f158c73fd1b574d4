import { createHash } from 'node:crypto'
import CFB from 'cfb'
import FileType from 'file-type'
import mongoose from 'mongoose'
import {
  ATTACHMENT_TYPES,
  type AttachedFile,
  type AttachmentContentType,
  type AttachmentRef,
  type AttachmentView,
  stripHiddenCharacters,
} from '@zlbg/shared'
import type { Download } from '../http/bind'
import { AppError } from '../http/errors'
import type { UploadedFile } from '../http/upload'
import type { AttachmentOwnerType, AttachmentRecord } from '../models/attachment'
import type { Models } from '../models'
import type { Actor } from '../policies'
import { StorageMissError, type FileStorage } from '../storage'

const oid = (id: string | mongoose.Types.ObjectId) => new mongoose.Types.ObjectId(String(id))

const HOUR = 3_600_000
/** An upload no form has named is purged this long after it came (jobs/attachments.ts). */
export const UNCLAIMED_UPLOAD_TTL_MS = 24 * HOUR
/**
 * A form may claim a fresh upload only this long: an hour short of the purge, so a file is never
 * claimed while the purge is deleting its bytes (there is no transaction to make the two one step).
 */
export const CLAIM_WINDOW_MS = UNCLAIMED_UPLOAD_TTL_MS - HOUR

/**
 * Old Word files are OLE compound documents, but so are .msi installers, .xls and other containers
 * (issue 12: an OLE header named installer.msi passed as Word). A Word 97–2003 document carries a
 * `WordDocument` stream; only a container that has one passes as .doc.
 */
function isWordDocument(buffer: Buffer): boolean {
  try {
    return CFB.find(CFB.read(buffer, { type: 'buffer' }), 'WordDocument') !== null
  } catch {
    return false
  }
}

/** The file's real type, judged from its bytes (never its name); undefined when not one we accept. */
export async function sniffContentType(buffer: Buffer): Promise<AttachmentContentType | undefined> {
  const found = await FileType.fromBuffer(buffer)
  if (found?.ext === 'cfb') return isWordDocument(buffer) ? 'application/msword' : undefined
  if (found && found.mime in ATTACHMENT_TYPES) return found.mime as AttachmentContentType
  return undefined
}

/** Extensions a name may keep for each type; any other is replaced by the type's own. */
const EXTENSIONS: Record<AttachmentContentType, readonly string[]> = {
  'application/pdf': ['pdf'],
  'application/msword': ['doc'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
}

/**
 * A file name safe to show and to send back in Content-Disposition (issue 12, item 2): no path, no
 * control, bidi or zero-width characters (`invoice\u202Egnp.exe` would show as `invoiceexe.png`),
 * NFKC, and an extension that agrees with the detected type — `申报材料.hta` holding a PDF is stored as
 * `申报材料.pdf`, so the office's PC opens it with the PDF reader, not as an application.
 */
export function cleanFilename(name: string, contentType: AttachmentContentType): string {
  const own = ATTACHMENT_TYPES[contentType].ext
  const base = stripHiddenCharacters(name.normalize('NFKC'))
    .split(/[\\/]/)
    .pop()!
    .replace(/["<>:|?*]/g, '')
    .trim()
  const dot = base.lastIndexOf('.')
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : ''
  const stem = (dot > 0 && /^[a-z0-9]{1,10}$/.test(ext) ? base.slice(0, dot) : base).replace(/[.\s]+$/, '').slice(0, 110)
  if (!stem) return `附件.${own}`
  return `${stem}.${EXTENSIONS[contentType].includes(ext) ? ext : own}`
}

export function presentAttachment(doc: AttachmentRecord): AttachmentView {
  return { id: doc._id.toHexString(), filename: doc.filename, contentType: doc.contentType, size: doc.size, uploadedAt: doc.createdAt.toISOString() }
}

/** Judges, stores and records one upload; the record belongs to the uploader until a form claims it. */
export async function storeUpload(models: Models, storage: FileStorage, actor: Actor, file: UploadedFile): Promise<AttachmentView> {
  const contentType = await sniffContentType(file.buffer)
  if (!contentType) throw new AppError('FILE_TYPE_NOT_ALLOWED')
  const _id = new mongoose.Types.ObjectId()
  const storageKey = `attachments/${new Date().getUTCFullYear()}/${_id.toHexString()}`
  // Bytes first: a record never points at nothing. A crash between leaves an orphan file, not a broken record.
  await storage.put(storageKey, file.buffer)
  const doc = await models.Attachment.create({
    _id,
    filename: cleanFilename(file.filename, contentType),
    contentType,
    size: file.buffer.length,
    sha256: createHash('sha256').update(file.buffer).digest('hex'),
    storageKey,
    uploadedBy: oid(actor.userId!),
  })
  return presentAttachment(doc.toObject())
}

export interface Owner {
  type: AttachmentOwnerType
  id: string | mongoose.Types.ObjectId
}

/**
 * Makes the files a form names belong to that form's owner. Each must be this owner's already, or a
 * fresh upload of the caller's own; anything else is 404 ATTACHMENT_NOT_FOUND naming the field
 * (`fieldPath(i)`), and nothing is claimed. Returns the records in the order of `refs`.
 */
export async function claimAttachments(
  models: Models,
  actor: Actor,
  refs: readonly Pick<AttachmentRef, 'attachmentId'>[],
  owner: Owner,
  fieldPath: (index: number) => string,
): Promise<AttachmentRecord[]> {
  if (refs.length === 0) return []
  const ownerId = oid(owner.id)
  const ids = refs.map((r) => oid(r.attachmentId))
  const docs = await models.Attachment.find({ _id: { $in: ids } }).lean()
  const byId = new Map(docs.map((d) => [d._id.toHexString(), d]))
  const claimableSince = new Date(Date.now() - CLAIM_WINDOW_MS)
  const usable = (d: AttachmentRecord | undefined) =>
    !!d &&
    (d.owner?.id
      ? d.owner.type === owner.type && d.owner.id.equals(ownerId)
      : actor.userId !== undefined && d.uploadedBy.equals(oid(actor.userId)) && d.createdAt > claimableSince)
  const bad = refs.findIndex((r) => !usable(byId.get(r.attachmentId)))
  if (bad >= 0) {
    throw new AppError('ATTACHMENT_NOT_FOUND', { fields: [{ path: fieldPath(bad), message: '附件不存在或已失效，请重新上传' }] })
  }
  const fresh = docs.filter((d) => !d.owner?.id).map((d) => d._id)
  if (fresh.length) {
    // Conditional on still being unowned: a file claimed by another form meanwhile stays there.
    await models.Attachment.updateMany(
      { _id: { $in: fresh }, 'owner.id': { $exists: false }, createdAt: { $gt: claimableSince } },
      { $set: { owner: { type: owner.type, id: ownerId } } },
    )
    const after = await models.Attachment.find({ _id: { $in: fresh } }, { owner: 1 }).lean()
    const lost = after.find((d) => !(d.owner?.type === owner.type && d.owner.id?.equals(ownerId)))
    if (lost) {
      const i = refs.findIndex((r) => r.attachmentId === lost._id.toHexString())
      throw new AppError('ATTACHMENT_NOT_FOUND', { fields: [{ path: fieldPath(i), message: '附件不存在或已失效，请重新上传' }] })
    }
  }
  return refs.map((r) => byId.get(r.attachmentId)!)
}

/**
 * Gives an owner's files back to nobody when the owner is deleted: unclaimed, they are purged with
 * other unclaimed uploads (jobs/attachments.ts).
 */
export async function releaseAttachments(models: Models, owner: Owner): Promise<void> {
  await models.Attachment.updateMany({ 'owner.type': owner.type, 'owner.id': oid(owner.id) }, { $unset: { owner: 1 } })
}

/** The named files with their names and sizes, for a view; a reference whose record is gone is left out. */
export async function attachedFiles(models: Models, refs: readonly AttachmentRef[]): Promise<AttachedFile[]> {
  if (refs.length === 0) return []
  const docs = await models.Attachment.find({ _id: { $in: refs.map((r) => oid(r.attachmentId)) } }).lean()
  const byId = new Map(docs.map((d) => [d._id.toHexString(), d]))
  return refs.flatMap((r) => {
    const d = byId.get(r.attachmentId)
    return d ? [{ attachmentId: r.attachmentId, title: r.title, filename: d.filename, contentType: d.contentType, size: d.size }] : []
  })
}

/**
 * The file for a download route, once the route has checked the caller may read the owner: it must
 * belong to one of `owners` (e.g. the application, or its organization for the certificate scan).
 */
export async function downloadAttachment(models: Models, storage: FileStorage, attachmentId: string, owners: readonly Owner[]): Promise<Download> {
  const doc = await models.Attachment.findById(attachmentId).lean()
  const owned = doc?.owner?.id && owners.some((o) => o.type === doc.owner!.type && doc.owner!.id.equals(oid(o.id)))
  if (!doc || !owned) throw new AppError('ATTACHMENT_NOT_FOUND')
  try {
    return { filename: doc.filename, body: await storage.get(doc.storageKey), contentType: doc.contentType }
  } catch (err) {
    if (err instanceof StorageMissError) throw new AppError('ATTACHMENT_NOT_FOUND')
    throw err
  }
}
