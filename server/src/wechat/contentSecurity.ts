import { AppError } from '../http/errors'
import type { Logger } from '../logger'
import type { AccessTokenStore } from './accessToken'
import { WeChatError, type SecurityScene, type WeChatClient } from './client'

/**
 * Content security for free text the public writes and others read (objection grounds, event
 * registration notes): WeChat's msgSecCheck v2 before the text is accepted.
 *
 * - pass: accept it;
 * - risky: refuse the write (CONTENT_RISKY, a Chinese message asking to rephrase);
 * - pending: accept it, marked for a person in the office to look at before others see it. That is
 *   WeChat's own "review", and also every case where WeChat could not judge: an outage, a timeout,
 *   no openid (a browser account), an openid WeChat does not know. The user's text is never lost
 *   because WeChat was unavailable.
 */
export type TextVerdict = 'pass' | 'risky' | 'pending'

/** msgSecCheck scenes by name. */
export const SECURITY_SCENES = { profile: 1, comment: 2, forum: 3, socialLog: 4 } as const satisfies Record<string, SecurityScene>

export interface TextCheck {
  text: string
  /** The writer's WeChat openid; without one the text cannot be checked and is pending. */
  openid?: string
  scene: SecurityScene
}

export interface ContentSecurity {
  checkText(input: TextCheck): Promise<TextVerdict>
}

/** WeChat checks at most 2,500 characters at once; longer text is checked in parts. */
const CHUNK = 2500

export function createContentSecurity({
  client,
  tokens,
  logger,
}: {
  client: WeChatClient
  tokens: AccessTokenStore
  logger: Logger
}): ContentSecurity {
  return {
    async checkText({ text, openid, scene }) {
      const chars = [...text.trim()]
      if (chars.length === 0) return 'pass'
      if (!openid) return 'pending'
      let verdict: TextVerdict = 'pass'
      for (let i = 0; i < chars.length; i += CHUNK) {
        const content = chars.slice(i, i + CHUNK).join('')
        try {
          const { suggest, label, traceId } = await tokens.withToken((token) => client.msgSecCheck(token, { content, openid, scene }))
          if (suggest === 'risky') {
            logger.info({ label, traceId }, 'text refused by msgSecCheck')
            return 'risky'
          }
          if (suggest === 'review') verdict = 'pending'
        } catch (err) {
          if (!(err instanceof WeChatError)) throw err
          logger.warn({ err: { kind: err.kind, errcode: err.errcode, errmsg: err.errmsg } }, 'msgSecCheck unavailable: text kept for human moderation')
          return 'pending'
        }
      }
      return verdict
    },
  }
}

/**
 * For a route that takes public text: refuses risky text with 400 CONTENT_RISKY, and answers whether
 * the accepted text passed or awaits the office's moderation (store that with the text).
 */
export async function requireAcceptableText(security: ContentSecurity, input: TextCheck): Promise<'pass' | 'pending'> {
  const verdict = await security.checkText(input)
  if (verdict === 'risky') throw new AppError('CONTENT_RISKY')
  return verdict
}
