import mongoose from 'mongoose'
import type { MessageView } from '@zlbg/shared'
import { findPage, mapPage } from '../db/paged'
import type { Handlers } from '../http/bind'
import { AppError, ruleFailed } from '../http/errors'
import { consume } from '../http/rateLimit'
import type { Models } from '../models'
import type { MessageRecord } from '../models/message'
import { grantCredits, subscriptionsOf } from '../outbox/subscriptions'
import type { Actor } from '../policies'
import { templateById, type TemplateSettings } from '../wechat/templates'

function present(m: MessageRecord): MessageView {
  return {
    id: m._id.toHexString(),
    kind: m.kind,
    title: m.title,
    body: m.body,
    ...(m.link ? { link: m.link } : {}),
    createdAt: m.createdAt.toISOString(),
    ...(m.readAt ? { readAt: m.readAt.toISOString() } : {}),
  }
}

/** The in-app message center (我的 → 消息) and the caller's WeChat subscription credits. */
export function messageHandlers(
  models: Models,
  { templates }: { templates: TemplateSettings },
): Pick<Handlers, 'listMyMessages' | 'readMyMessage' | 'mySubscriptions' | 'reportSubscriptions'> {
  const { Message, User } = models

  /** The caller, and any WeChat-only account bound into it earlier: its messages are the caller's now. */
  async function mine(actor: Actor): Promise<mongoose.Types.ObjectId[]> {
    const me = new mongoose.Types.ObjectId(actor.userId!)
    const merged = await User.find({ mergedInto: me }, { _id: 1 }).lean()
    return [me, ...merged.map((u) => u._id)]
  }

  async function openidOf(actor: Actor) {
    return (await User.findById(actor.userId, { wechatOpenid: 1 }).lean())?.wechatOpenid
  }

  return {
    async listMyMessages(_ctx, { query, actor }) {
      const recipientUserId = { $in: await mine(actor) }
      const filter = { recipientUserId, ...(query.unreadOnly ? { readAt: null } : {}) }
      const [found, unread] = await Promise.all([
        findPage<MessageRecord>(Message, filter, query, { sort: { createdAt: -1, _id: -1 } }),
        Message.countDocuments({ recipientUserId, readAt: null }),
      ])
      return { ...(await mapPage(found, (items) => items.map(present))), unread }
    },

    async readMyMessage(_ctx, { params, actor }) {
      // Someone else's message is "not found", never "forbidden": its existence is not the caller's business.
      const own = { _id: new mongoose.Types.ObjectId(params.id), recipientUserId: { $in: await mine(actor) } }
      const res = await Message.updateOne({ ...own, readAt: null }, { $set: { readAt: new Date() } })
      if (res.matchedCount === 0 && !(await Message.exists(own))) throw new AppError('MESSAGE_NOT_FOUND')
    },

    async mySubscriptions(_ctx, { actor }) {
      return subscriptionsOf(models, await openidOf(actor), templates)
    },

    async reportSubscriptions(_ctx, { body, actor }) {
      await consume(models, `subscriptions.report:user:${actor.userId}`, { max: 60, windowSeconds: 3600 })
      const unknown = body.accepted.flatMap((id, i) => (templateById(templates, id) ? [] : [i]))
      if (unknown.length) throw ruleFailed(unknown.map((i) => ({ path: `body.accepted.${i}`, message: '不是本小程序的订阅消息模板' })))
      const openid = await openidOf(actor)
      // The policy lets only WeChat users here; an account unbound since has nothing to receive with.
      if (!openid) throw new AppError('FORBIDDEN')
      await grantCredits(models, { userId: actor.userId!, openid, accepted: body.accepted, templates })
      return subscriptionsOf(models, openid, templates)
    },
  }
}
