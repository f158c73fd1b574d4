import { z } from 'zod'
import { OfficialAccountConfigSchema, officialAccountSettings, WeChatConfigSchema, wechatSettings, type OfficialAccountSettings, type WeChatSettings } from './wechat/config'
import { templateSettings, TemplatesConfigSchema, type TemplateSettings } from './wechat/templates'

const list = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Origins allowed to call the API from a browser (the Taro H5 dev server by default). */
  CORS_ORIGINS: list.default(['http://localhost:10086', 'http://127.0.0.1:10086']),
  BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/, 'like 1mb or 512kb').default('1mb'),
  /** Where uploaded files are kept (the local-folder storage, server/src/storage). */
  FILES_DIR: z.string().min(1).default('.data/files'),
  /** The H5 build to serve at / (same origin as the API); empty to serve none. */
  H5_DIST: z.string().default(''),
  /**
   * Trust X-Forwarded-For / X-Forwarded-Proto: only behind a reverse proxy that sets them. Off by
   * default, since anyone could otherwise forge the address that rate limits and the audit log use.
   */
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** How long a sign-in lasts; logout, password changes and disabling end it sooner. */
  SESSION_TTL_HOURS: z.coerce.number().min(1).max(24 * 90).default(24 * 7),
  /**
   * Whether this instance runs the scheduled jobs (purges, outbox delivery, token refresh). Any number
   * of instances may: each job takes a lease first. Off for an instance that should only serve requests.
   */
  JOBS_ENABLED: z.stringbool({ error: 'true or false' }).default(true),
  /** Delivery attempts of one outbox record before it is dead (kept, with its error, for the office). */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(6),
  /** Bearer token Prometheus sends to GET /metrics; unset (or empty), only this machine may read them. */
  METRICS_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, 'at least 16 characters').optional()),
  /**
   * The site's public address (https://zlbg.example.org): the feed's links, the official account's
   * articles and their 阅读原文 point at the H5 pages under it. Required in production (a feed or an
   * article with a guessed host would send readers nowhere); elsewhere http://HOST:PORT.
   */
  PUBLIC_BASE_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).transform((u) => u.replace(/\/+$/, '')).optional(),
  ),
  /**
   * The key that signs event check-in tickets (第二十条, a JWS): the same on every instance, so one
   * verifies what another signed. Required in production; unset in development, a random key per process.
   */
  CHECKIN_TOKEN_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(32, 'at least 32 characters').optional()),
  ...WeChatConfigSchema.shape,
  ...OfficialAccountConfigSchema.shape,
  ...TemplatesConfigSchema.shape,
})

/** Every environment variable the server reads (the README's settings table lists each one). */
export const CONFIG_VARIABLES = Object.keys(ConfigSchema.shape)

export type Config = Omit<z.infer<typeof ConfigSchema>, 'PUBLIC_BASE_URL'> & {
  PUBLIC_BASE_URL: string
  wechat: WeChatSettings
  officialAccount: OfficialAccountSettings
  templates: TemplateSettings
}

export class ConfigError extends Error {}

/** Reads the environment once at start-up; a bad value stops start-up naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  // The stand-in signs anyone in as anyone (its codes are made up): never where real people sign in.
  if (parsed.data.NODE_ENV === 'production' && !parsed.data.WECHAT_APPID && !parsed.data.WECHAT_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  WECHAT_APPID, WECHAT_SECRET: required with NODE_ENV=production; the WeChat stand-in is for development only',
    )
  }
  if (parsed.data.NODE_ENV === 'production' && !parsed.data.PUBLIC_BASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  PUBLIC_BASE_URL: required with NODE_ENV=production; the feed and the official account\'s articles link to the H5 pages under it',
    )
  }
  // A per-process key would make a ticket one instance issued unreadable by the next one behind the balancer.
  if (parsed.data.NODE_ENV === 'production' && !parsed.data.CHECKIN_TOKEN_SECRET) {
    throw new ConfigError('Invalid configuration:\n  CHECKIN_TOKEN_SECRET: required with NODE_ENV=production (at least 32 characters, the same on every instance)')
  }
  try {
    const wechat = wechatSettings(parsed.data)
    return {
      ...parsed.data,
      PUBLIC_BASE_URL: parsed.data.PUBLIC_BASE_URL ?? `http://${parsed.data.HOST}:${parsed.data.PORT}`,
      wechat,
      officialAccount: officialAccountSettings(parsed.data, wechat),
      templates: templateSettings(parsed.data.WECHAT_TEMPLATES, wechat.mode),
    }
  } catch (e) {
    throw new ConfigError((e as Error).message)
  }
}
