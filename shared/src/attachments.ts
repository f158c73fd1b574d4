import { z } from 'zod'

const Instant = z.iso.datetime({ offset: true })

/**
 * Files people upload: application materials, certificate scans, the office's form templates. The
 * type is judged from the file's content on the server, never from its name (issue #6).
 */
export const ATTACHMENT_TYPES = {
  'application/pdf': { ext: 'pdf', label: 'PDF' },
  'application/msword': { ext: 'doc', label: 'Word' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { ext: 'docx', label: 'Word' },
  'image/jpeg': { ext: 'jpg', label: '图片' },
  'image/png': { ext: 'png', label: '图片' },
} as const
export type AttachmentContentType = keyof typeof ATTACHMENT_TYPES
export const ATTACHMENT_CONTENT_TYPES = Object.keys(ATTACHMENT_TYPES) as [AttachmentContentType, ...AttachmentContentType[]]

/** 20 MB per file; the multipart field is `file`. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
export const ATTACHMENT_FIELD = 'file'
export const ATTACHMENT_ACCEPT_HINT = '支持 PDF、Word（doc/docx）、JPG、PNG，单个文件不超过 20 MB'

export const AttachmentIdSchema = z.string().regex(/^[0-9a-f]{24}$/, '附件编号格式不正确')

/** What an upload answers, and how a form refers to a file it attached. */
export const AttachmentViewSchema = z
  .strictObject({
    id: z.string(),
    filename: z.string(),
    contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
    size: z.number().int(),
    uploadedAt: Instant,
  })
  .meta({ id: 'Attachment' })
export type AttachmentView = z.infer<typeof AttachmentViewSchema>

/** A file named in a form: the upload's id and a title the applicant gives it. */
export const AttachmentRefSchema = z.strictObject({
  attachmentId: AttachmentIdSchema,
  title: z.string().trim().min(1, '请填写附件名称').max(60),
})
export type AttachmentRef = z.infer<typeof AttachmentRefSchema>

/** An attached file as shown with its form: the reference plus what the server knows of the file. */
export const AttachedFileSchema = AttachmentRefSchema.extend({
  filename: z.string(),
  contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
  size: z.number().int(),
})
export type AttachedFile = z.infer<typeof AttachedFileSchema>

export const AttachmentParamsSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{24}$/, '编号格式不正确'),
  attachmentId: AttachmentIdSchema,
})
