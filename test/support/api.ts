import { ERRORS, type AccountRole, type ErrorCode, type Session } from '@zlbg/shared'
import { hashPassword } from '../../server/src/auth/passwords'
import { loginKey } from '../../server/src/models/user'
import type { TestServer } from './server'

export interface Reply<T = any> {
  status: number
  headers: Headers
  body: T
}

/** A JSON call against the test server, with an optional bearer token. */
export async function call<T = any>(
  t: Pick<TestServer, 'base'>,
  method: string,
  path: string,
  { token, body }: { token?: string; body?: unknown } = {},
): Promise<Reply<T>> {
  const res = await fetch(t.base + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  const text = await res.text()
  let parsed: unknown = text
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    // not JSON (a download): keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed as T }
}

/** The error body the API answers with `code` (its own Chinese message, the request's id), plus any extra fields. */
export const failure = (code: ErrorCode, extra: Record<string, unknown> = {}) => ({
  error: { code, message: ERRORS[code].message, requestId: expect.any(String), ...extra },
})

let counter = 0
export const PASSWORD = 'Benchmark2026'

/**
 * A browser account with a password, made directly in the database (as `npm run admin:create` or an
 * accepted invite would), then signed in through the API.
 */
export async function browserUser(
  t: TestServer,
  roles: AccountRole[],
  { username = `user${++counter}${Date.now() % 100000}`, displayName = '测试用户' } = {},
): Promise<{ id: string; username: string; token: string; session: Session }> {
  const user = await t.db.models.User.create({
    logins: [loginKey.username(username)],
    username,
    displayName,
    passwordHash: await hashPassword(PASSWORD),
    roles,
  })
  const res = await call<Session>(t, 'POST', '/api/auth/password', { body: { login: username, password: PASSWORD } })
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`)
  return { id: user._id.toHexString(), username, token: res.body.token, session: res.body }
}

/** A WeChat user signed in through the stand-in: the same `person` is the same openid. */
export async function wechatUser(t: TestServer, person = `p${++counter}x${Date.now() % 100000}`) {
  const res = await call<Session>(t, 'POST', '/api/auth/wechat', { body: { code: `${person}.${++counter}` } })
  if (res.status !== 200) throw new Error(`WeChat sign-in failed: ${res.status} ${JSON.stringify(res.body)}`)
  return { id: res.body.me.id, token: res.body.token, session: res.body, person }
}

/** The smallest file the upload checks take for a PDF (type judged from the content). */
export const TINY_PDF = (note = '') => Buffer.from(`%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n% ${note}\n`, 'latin1')

/** Uploads a PDF as `token`'s own attachment; answers its id. */
export async function uploadPdf(t: { base: string }, token: string, filename = '附件.pdf', note = ''): Promise<string> {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(TINY_PDF(note))], { type: 'application/pdf' }), filename)
  const res = await fetch(`${t.base}/api/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
  if (res.status !== 201) throw new Error(`upload ${filename}: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { id: string }).id
}
