import { storeUpload } from '../attachments'
import type { Handlers } from '../http/bind'
import { consume } from '../http/rateLimit'
import type { Models } from '../models'
import type { FileStorage } from '../storage'

/** Uploads per person per hour: a whole application's materials fit many times over; a runaway client does not. */
export const UPLOAD_LIMIT = { max: 100, windowSeconds: 3600 }

export function attachmentHandlers(models: Models, { storage }: { storage: FileStorage }): Pick<Handlers, 'uploadAttachment'> {
  return {
    /**
     * A file on its own, before any form names it: it stays the uploader's, unreachable by anyone
     * else, until a profile, application or call claims it (attachments/index.ts); unclaimed ones
     * are purged after a day (jobs/attachments.ts).
     */
    async uploadAttachment(_ctx, { file, actor }) {
      await consume(models, `attachment.upload:user:${actor.userId}`, UPLOAD_LIMIT)
      return storeUpload(models, storage, actor, file)
    },
  }
}
