import type { Models } from '../models'
import { WeChatError } from '../wechat/client'
import type { WeChatServices } from '../wechat/services'
import { templateData, type TemplateSettings } from '../wechat/templates'
import { DeliveryError, type ChannelSender } from './deliver'
import { recipientOf } from './recipients'
import { takeCredit } from './subscriptions'

/**
 * The WeChat subscription-message channel. It sends only with a credit (an accepted subscription,
 * used up with one conditional update); without one the record is `skipped` — the in-app copy of the
 * same notice is delivered regardless. WeChat's "no subscription" (43101) is a skip too; a request
 * WeChat can never accept (bad openid, template or data) is dead at once; anything else is retried.
 */
export function wechatSubscribeChannel({
  models,
  wechat,
  templates,
}: {
  models: Models
  wechat: Pick<WeChatServices, 'client' | 'tokens'>
  templates: TemplateSettings
}): ChannelSender {
  return async (record, { now }) => {
    const config = record.template ? templates[record.template] : undefined
    if (!config) return { status: 'skipped', reason: `no WeChat template configured for ${record.template ?? 'this notice'}` }
    const recipient = await recipientOf(models, record.recipientUserId)
    if (!recipient?.wechatOpenid) return { status: 'skipped', reason: 'the recipient has no WeChat account' }
    if (recipient.disabled) return { status: 'skipped', reason: 'the recipient’s account is disabled' }
    const openid = recipient.wechatOpenid
    const credit = await takeCredit(models, { openid, templateId: config.id, key: record.key, now })
    if (!credit) return { status: 'skipped', reason: 'no subscription credit: the user has not accepted this template' }
    try {
      await wechat.tokens.withToken((token) =>
        wechat.client.sendSubscribeMessage(token, {
          touser: openid,
          templateId: config.id,
          // WeChat wants the page without a leading slash: pages/me/messages?id=…
          ...(record.content.link ? { page: record.content.link.replace(/^\/+/, '') } : {}),
          data: templateData(config, record.content, record.createdAt),
        }),
      )
    } catch (err) {
      if (err instanceof WeChatError && err.kind === 'no_subscription') {
        return { status: 'skipped', reason: `WeChat answered ${err.errcode}: the user holds no subscription for this template` }
      }
      if (err instanceof WeChatError && err.kind === 'rejected') throw new DeliveryError(err.message, true)
      throw err
    }
    return { status: 'sent' }
  }
}
