import mongoose from 'mongoose'
import { ApplicationContentSchema, fieldErrors, OrganizationProfileSchema, type FieldError } from '@zlbg/shared'
import { AppError, ruleFailed } from '../../http/errors'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { CallRecord } from '../../models/call'

/** The checks an application passes to be submitted (第十四条) and again to be resubmitted (第十五条). */

/** What the form must hold to be submitted: the complete content, with methods from the call's list. */
export function checkContent(doc: Pick<ApplicationRecord, 'content'>, call: Pick<CallRecord, 'qualityMethods'>) {
  const parsed = ApplicationContentSchema.safeParse(doc.content ?? {})
  const fields: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error).map((f) => ({ ...f, path: f.path ? `content.${f.path}` : 'content' }))
  const offered = new Set(call.qualityMethods)
  ;(doc.content?.methods ?? []).forEach((m, i) => {
    if (!offered.has(m)) fields.push({ path: `content.methods.${i}`, message: `「${m}」不在本次征集的质量管理方法列表中，请改选或填写在“其他方法”中` })
  })
  if (fields.length) throw ruleFailed(fields)
  return parsed.data!
}

/** Every named file must still be this application's (claimed on save). */
export async function checkAttachments(models: Models, doc: ApplicationRecord, refs: readonly { attachmentId: string }[]) {
  if (refs.length === 0) return
  const owned = await models.Attachment.find(
    { _id: { $in: refs.map((r) => new mongoose.Types.ObjectId(r.attachmentId)) }, 'owner.type': 'application', 'owner.id': doc._id },
    { _id: 1 },
  ).lean()
  const have = new Set(owned.map((a) => a._id.toHexString()))
  const missing = refs.findIndex((r) => !have.has(r.attachmentId))
  if (missing >= 0) {
    throw new AppError('ATTACHMENT_NOT_FOUND', { fields: [{ path: `content.attachments.${missing}.attachmentId`, message: '附件不存在或已失效，请重新上传' }] })
  }
}

/** A complete organization profile (第八条), or 422 PROFILE_INCOMPLETE naming each missing field under `profile.`. */
export function checkProfile(profile: unknown) {
  const parsed = OrganizationProfileSchema.safeParse(profile ?? {})
  if (!parsed.success) {
    throw new AppError('PROFILE_INCOMPLETE', {
      fields: fieldErrors(parsed.error).map((f) => ({ ...f, path: f.path ? `profile.${f.path}` : 'profile' })),
    })
  }
  return parsed.data
}
