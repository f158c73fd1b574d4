import Taro from '@tarojs/taro'
import { MAX_TEMPLATES_PER_PROMPT, type MessageTemplate } from '@zlbg/shared'
import { fetchSubscriptions, reportSubscriptions, type Subscriptions } from './api/messages'

/**
 * WeChat subscription messages (订阅消息), asked for at the moment of a tap.
 *
 * WeChat only shows `wx.requestSubscribeMessage` from inside a tap handler, and a network request
 * awaited before it can make WeChat refuse it as not tap-triggered. So a page that offers a prompt
 * calls `prepareSubscriptions()` when it shows (loads the template ids), and its button calls
 * `askForSubscriptions(kinds)` straight from the tap: with the ids at hand the prompt opens at once.
 */

export type SubscribeOutcome =
  /** H5, or the person is not a WeChat user: nothing was asked. */
  | { status: 'unsupported' }
  /** This deployment has no template for these kinds. */
  | { status: 'noTemplates' }
  /** The prompt was shown; `accepted` are the kinds the person allowed (reported to the server). */
  | { status: 'done'; accepted: MessageTemplate[]; subscriptions: Subscriptions }
  /** WeChat refused to show the prompt or the report failed (toasted by the request layer). */
  | { status: 'failed'; message: string }

let cached: Subscriptions | null = null
let loading: Promise<Subscriptions | null> | null = null

export function canSubscribe(): boolean {
  return process.env.TARO_ENV === 'weapp'
}

/** Loads the template ids and the caller's credits ahead of a tap; never throws, never toasts. */
export function prepareSubscriptions(): Promise<Subscriptions | null> {
  if (!canSubscribe()) return Promise.resolve(null)
  loading ??= fetchSubscriptions(false)
    .then((subscriptions) => (cached = subscriptions))
    .catch(() => null)
    .finally(() => {
      loading = null
    })
  return loading
}

/** The last loaded subscriptions (credits per template), if any. */
export function cachedSubscriptions(): Subscriptions | null {
  return cached
}

/**
 * Asks for the templates of these kinds (the first three: WeChat's limit per prompt) and reports
 * what was accepted. Call it directly from a tap handler. In H5 it does nothing.
 */
export async function askForSubscriptions(kinds: readonly MessageTemplate[]): Promise<SubscribeOutcome> {
  if (!canSubscribe()) return { status: 'unsupported' }
  const subscriptions = cached ?? (await prepareSubscriptions())
  if (!subscriptions) return { status: 'unsupported' }
  const wanted = subscriptions.templates.filter((t) => kinds.includes(t.name) && t.templateId).slice(0, MAX_TEMPLATES_PER_PROMPT)
  if (wanted.length === 0) return { status: 'noTemplates' }
  let answer: Record<string, unknown>
  try {
    answer = (await Taro.requestSubscribeMessage({ tmplIds: wanted.map((t) => t.templateId) } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, unknown>
  } catch (e) {
    return { status: 'failed', message: e instanceof Error ? e.message : String((e as { errMsg?: string })?.errMsg ?? e) }
  }
  const accepted = wanted.filter((t) => answer[t.templateId] === 'accept')
  if (accepted.length === 0) return { status: 'done', accepted: [], subscriptions }
  try {
    cached = await reportSubscriptions(accepted.map((t) => t.templateId))
    return { status: 'done', accepted: accepted.map((t) => t.name), subscriptions: cached }
  } catch (e) {
    return { status: 'failed', message: e instanceof Error ? e.message : String(e) }
  }
}
