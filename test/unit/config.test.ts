import { readFileSync } from 'node:fs'
import path from 'node:path'
import { CONFIG_VARIABLES, loadConfig } from '../../server/src/config'

const SECRET = 'k'.repeat(32)
const base = { MONGODB_URI: 'mongodb://127.0.0.1:27017/zlbg', WECHAT_API_BASE: 'http://127.0.0.1:3100' }

describe('server configuration is validated at start-up', () => {
  test('defaults fill what is not set', () => {
    expect(loadConfig(base)).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', BODY_LIMIT: '1mb', LOG_LEVEL: 'info' })
  })

  test.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['MONGODB_URI', { MONGODB_URI: 'postgres://x' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['BODY_LIMIT', { BODY_LIMIT: 'lots' }],
  ])('a bad %s stops start-up with a message naming it', (name, patch) => {
    expect(() => loadConfig({ ...base, ...patch })).toThrow(new RegExp(`\\b${name}\\b`))
  })

  test('a missing MONGODB_URI is named', () => {
    expect(() => loadConfig({})).toThrow(/MONGODB_URI/)
  })

  test('WeChat: the stand-in unless both the app id and the secret are set, never half of them', () => {
    expect(loadConfig(base).wechat).toMatchObject({ mode: 'standin', baseUrl: 'http://127.0.0.1:3100' })
    expect(loadConfig({ ...base, WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' }).wechat).toMatchObject({
      mode: 'real',
      appId: 'wx1',
    })
    expect(() => loadConfig({ ...base, WECHAT_APPID: 'wx1' })).toThrow(/WECHAT_SECRET/)
    expect(() => loadConfig({ MONGODB_URI: base.MONGODB_URI })).toThrow(/WECHAT_API_BASE/)
  })

  test('CORS origins are a comma-separated list', () => {
    expect(loadConfig({ ...base, CORS_ORIGINS: 'http://a.test, http://b.test' }).CORS_ORIGINS).toEqual([
      'http://a.test',
      'http://b.test',
    ])
  })
})

describe('every setting is documented', () => {
  test('the README settings table lists exactly the variables the server reads', () => {
    const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8')
    const section = readme.slice(readme.indexOf('### Server settings (environment)'), readme.indexOf('### WeChat DevTools'))
    const documented = [...section.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1])
    expect([...documented].sort()).toEqual([...CONFIG_VARIABLES].sort())
  })
})

describe('production refuses what is only safe in development', () => {
  // What production needs besides the variable a test is about: the site's address and the ticket key.
  const site = { PUBLIC_BASE_URL: 'https://zlbg.example.org/' }
  const ticket = { CHECKIN_TOKEN_SECRET: SECRET }
  test('NODE_ENV=production without the real WeChat is refused, naming both variables', () => {
    expect(() => loadConfig({ ...base, ...site, ...ticket, NODE_ENV: 'production' })).toThrow(/WECHAT_APPID, WECHAT_SECRET/)
    expect(loadConfig({ ...base, ...site, ...ticket, NODE_ENV: 'production', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' }).wechat.mode).toBe('real')
  })

  test('PUBLIC_BASE_URL: required in production (feeds and articles link under it), http://HOST:PORT elsewhere, no trailing slash', () => {
    const real = { ...base, ...ticket, NODE_ENV: 'production', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' }
    expect(() => loadConfig(real)).toThrow(/PUBLIC_BASE_URL/)
    expect(() => loadConfig({ ...real, PUBLIC_BASE_URL: 'zlbg.example.org' })).toThrow(/PUBLIC_BASE_URL/)
    expect(loadConfig({ ...real, ...site }).PUBLIC_BASE_URL).toBe('https://zlbg.example.org')
    expect(loadConfig({ ...base, PORT: '3100' }).PUBLIC_BASE_URL).toBe('http://127.0.0.1:3100')
  })

  test('the official account (第十八条、第十九条): both OA_APPID and OA_SECRET or neither; the stand-in plays it beside the WeChat stand-in; off with the real WeChat alone', () => {
    expect(loadConfig(base).officialAccount).toMatchObject({ mode: 'standin', baseUrl: 'http://127.0.0.1:3100' })
    expect(loadConfig({ ...base, OA_APPID: 'wxoa', OA_SECRET: 'oas' }).officialAccount).toMatchObject({ mode: 'real', appId: 'wxoa', baseUrl: 'http://127.0.0.1:3100' })
    expect(() => loadConfig({ ...base, OA_APPID: 'wxoa' })).toThrow(/OA_SECRET/)
    const real = { ...base, ...site, ...ticket, NODE_ENV: 'production', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' }
    expect(loadConfig(real).officialAccount).toEqual({ mode: 'off' })
    expect(loadConfig({ ...real, WECHAT_API_BASE: '', OA_APPID: 'wxoa', OA_SECRET: 'oas' }).officialAccount).toMatchObject({ mode: 'real', baseUrl: 'https://api.weixin.qq.com' })
  })

  test('第二十条 CHECKIN_TOKEN_SECRET: every instance must sign tickets with the same key, so production needs it; a short one is refused', () => {
    const real = { ...base, ...site, NODE_ENV: 'production', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' }
    expect(() => loadConfig(real)).toThrow(/CHECKIN_TOKEN_SECRET/)
    expect(() => loadConfig({ ...real, CHECKIN_TOKEN_SECRET: 'short' })).toThrow(/CHECKIN_TOKEN_SECRET/)
    expect(loadConfig({ ...real, ...ticket }).CHECKIN_TOKEN_SECRET).toBe(SECRET)
    expect(loadConfig({ ...base, CHECKIN_TOKEN_SECRET: '' }).CHECKIN_TOKEN_SECRET).toBeUndefined()
  })

  test('METRICS_TOKEN: empty means unset, a short one is refused', () => {
    expect(loadConfig({ ...base, METRICS_TOKEN: '' }).METRICS_TOKEN).toBeUndefined()
    expect(() => loadConfig({ ...base, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/)
    expect(loadConfig({ ...base, METRICS_TOKEN: 'x'.repeat(16) }).METRICS_TOKEN).toBe('x'.repeat(16))
  })
})
