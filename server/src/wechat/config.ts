import { z } from 'zod'
import { WECHAT_API_BASE } from './client'

/** The stand-in's own app: public values, good for nothing but the stand-in. */
export const STANDIN_APP_ID = 'wx-standin-appid'
export const STANDIN_SECRET = 'standin-secret'

// An empty variable (WECHAT_SECRET=) means unset, so a blanked-out .env line does not count as a secret.
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).optional())

/** Spread into the server's config schema (`...WeChatConfigSchema.shape`); wechatSettings reads the result. */
export const WeChatConfigSchema = z.object({
  WECHAT_APPID: optionalText,
  WECHAT_SECRET: optionalText,
  /** The real service by default when WECHAT_APPID/WECHAT_SECRET are set; the stand-in's URL otherwise. */
  WECHAT_API_BASE: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  ),
  WECHAT_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(5000),
})

export type WeChatConfig = z.output<typeof WeChatConfigSchema>

export interface WeChatSettings {
  mode: 'real' | 'standin'
  appId: string
  secret: string
  baseUrl: string
  timeoutMs: number
}

/** Says which variable is wrong, in the same form as loadConfig's message. */
export class WeChatConfigError extends Error {}

/**
 * The real WeChat when both WECHAT_APPID and WECHAT_SECRET are set, the local stand-in otherwise.
 * Takes the parsed config or the raw environment (it is parsed again, which changes nothing).
 * One of the pair without the other is refused rather than quietly falling back to the stand-in, so
 * a half-configured deployment cannot log people in against a fake WeChat.
 */
export function wechatSettings(env: Record<string, unknown>): WeChatSettings {
  const parsed = WeChatConfigSchema.safeParse(env)
  if (!parsed.success) {
    throw invalid(parsed.error.issues.map((i) => [i.path.join('.'), i.message] as const))
  }
  const { WECHAT_APPID: appId, WECHAT_SECRET: secret, WECHAT_API_BASE: base, WECHAT_TIMEOUT_MS: timeoutMs } = parsed.data
  if (appId && secret) return { mode: 'real', appId, secret, baseUrl: base ?? WECHAT_API_BASE, timeoutMs }
  if (appId || secret) {
    const missing = appId ? 'WECHAT_SECRET' : 'WECHAT_APPID'
    throw invalid([[missing, 'set WECHAT_APPID and WECHAT_SECRET together, or neither to use the WeChat stand-in']])
  }
  if (!base) {
    throw invalid([['WECHAT_API_BASE', 'required without WECHAT_APPID/WECHAT_SECRET: the URL of the WeChat stand-in']])
  }
  return { mode: 'standin', appId: STANDIN_APP_ID, secret: STANDIN_SECRET, baseUrl: base, timeoutMs }
}

function invalid(issues: ReadonlyArray<readonly [string, string]>) {
  return new WeChatConfigError(`Invalid configuration:\n${issues.map(([name, msg]) => `  ${name}: ${msg}`).join('\n')}`)
}

/**
 * The official account (公众号, 第十八条、第十九条 name it as a channel) is an app of its own: its own
 * appid and secret, its own access token. Spread into the server's config schema like WeChatConfigSchema.
 */
export const OfficialAccountConfigSchema = z.object({
  OA_APPID: optionalText,
  OA_SECRET: optionalText,
})

/**
 * real: both OA_APPID and OA_SECRET set, against WECHAT_API_BASE (the real service by default);
 * standin: no OA credentials while WeChat itself is the stand-in (npm start, tests): the stand-in's app
 * plays the official account too; off: real WeChat without OA credentials — nothing is pushed, the
 * office downloads the article as HTML instead.
 */
export type OfficialAccountSettings =
  | { mode: 'real' | 'standin'; appId: string; secret: string; baseUrl: string; timeoutMs: number }
  | { mode: 'off' }

export function officialAccountSettings(env: Record<string, unknown>, wechat: WeChatSettings): OfficialAccountSettings {
  const parsed = OfficialAccountConfigSchema.safeParse(env)
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => [i.path.join('.'), i.message] as const))
  const { OA_APPID: appId, OA_SECRET: secret } = parsed.data
  if (appId && secret) {
    const base = typeof env.WECHAT_API_BASE === 'string' && env.WECHAT_API_BASE ? env.WECHAT_API_BASE : WECHAT_API_BASE
    return { mode: 'real', appId, secret, baseUrl: base, timeoutMs: wechat.timeoutMs }
  }
  if (appId || secret) {
    throw invalid([[appId ? 'OA_SECRET' : 'OA_APPID', 'set OA_APPID and OA_SECRET together, or neither (no pushes to the official account)']])
  }
  if (wechat.mode === 'standin') return { mode: 'standin', appId: STANDIN_APP_ID, secret: STANDIN_SECRET, baseUrl: wechat.baseUrl, timeoutMs: wechat.timeoutMs }
  return { mode: 'off' }
}
