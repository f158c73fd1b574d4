import { isDuplicateKey } from '../db/duplicateKey'
import type { Models } from '../models'
import type { ChannelSender } from './deliver'
import { recipientOf } from './recipients'

/**
 * The in-app message center channel: writes the message, keyed by the outbox record's key, so a
 * record delivered twice leaves one message.
 */
export function inAppChannel(models: Models): ChannelSender {
  return async (record, { now }) => {
    const recipient = await recipientOf(models, record.recipientUserId)
    if (!recipient) return { status: 'skipped', reason: 'recipient not found' }
    const { title, body, link } = record.content
    try {
      await models.Message.updateOne(
        { outboxKey: record.key },
        {
          $setOnInsert: {
            outboxKey: record.key,
            recipientUserId: recipient._id,
            kind: record.kind,
            title,
            body,
            ...(link ? { link } : {}),
            createdAt: now,
            readAt: null,
          },
        },
        { upsert: true },
      )
    } catch (err) {
      // Two upserts raced and the unique key let one through: the message exists.
      if (!isDuplicateKey(err)) throw err
    }
    return { status: 'sent' }
  }
}
