import { ATTACHMENT_FIELD, ATTACHMENT_MAX_BYTES, AttachmentViewSchema } from '../attachments'
import { route } from './define'

/** Uploads. */
export const ATTACHMENT_ROUTES = {
  // Files: uploaded once, then named in a profile, an application or a call (issue 6)
  uploadAttachment: route({
    method: 'post',
    path: '/api/attachments',
    summary: '上传附件（multipart/form-data，字段 file；类型按内容判断：PDF、Word、JPG、PNG，不超过 20 MB）',
    tag: 'attachments',
    action: 'attachment.upload',
    upload: { field: ATTACHMENT_FIELD, maxBytes: ATTACHMENT_MAX_BYTES },
    response: AttachmentViewSchema,
    status: 201,
    errors: ['UNAUTHENTICATED', 'FILE_TOO_LARGE', 'FILE_TYPE_NOT_ALLOWED', 'UNSUPPORTED_MEDIA_TYPE', 'RATE_LIMITED'],
  }),
} as const
