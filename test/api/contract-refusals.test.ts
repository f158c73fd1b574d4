/**
 * Issue 12, item 7: schemathesis' positive-data check (ST202) sent requests the OpenAPI document
 * accepts and got 400 bodies the document did not describe. Each probe it found is reproduced here:
 * either the document now refuses what the server refuses (a pattern, an enum, a branch of the
 * schema: 400), or the refusal is a documented 422 — an unknown or expired code, or a rule the
 * document cannot state (a check digit, hidden characters, dates in order, a rule on stored data).
 */
import { creditCodeCheckChar } from '@zlbg/shared'
import { browserUser, call, failure, wechatUser } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'

let t: TestServer
let office: Awaited<ReturnType<typeof browserUser>>
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let doc: any
beforeAll(async () => {
  t = await startTestServer('contract-refusals')
  office = await browserUser(t, ['office'])
  doc = await (await fetch(`${t.base}/openapi.json`)).json()
})
afterAll(() => t.close())
beforeEach(() => t.db.models.Counter.deleteMany({}))

const component = (id: string) => doc.components.schemas[id]
const responsesOf = (path: string, method: string) => doc.paths[path][method].responses
const queryParameter = (path: string, name: string) => doc.paths[path].get.parameters.find((p: { name: string }) => p.name === name).schema
const matches = (pattern: string, value: string) => new RegExp(pattern, 'u').test(value)
const expertInput = (email: string) => ({
  name: '王专家',
  title: '教授级高工',
  employer: { name: '某某研究院', creditCode: `91110000${'1'.repeat(9)}${creditCodeCheckChar(`91110000${'1'.repeat(9)}`)}` },
  fields: ['六西格玛管理'],
  sectors: ['manufacturing'],
  phone: `139${String(Date.now()).slice(-8)}`,
  email,
})

describe('the document now refuses what the server refuses (400)', () => {
  test('an e-mail with a domain label ending in a hyphen: format: email refuses it, so the server does too (it was accepted and echoed)', async () => {
    const email = component('ExpertInput').properties.email
    expect(email).toMatchObject({ format: 'email', pattern: expect.any(String) })
    expect(matches(email.pattern, 'a@b-.cn')).toBe(false)
    const res = await call(t, 'POST', '/api/office/experts', { token: office.token, body: expertInput('a@b-.cn') })
    expect([res.status, res.body.error?.fields]).toEqual([400, [{ path: 'body.email', message: '邮箱格式不正确' }]])
    // An ordinary address, and one with an apostrophe, still go in.
    for (const ok of ['zhang.san@caq.org.cn', "o'brien@example.com"]) {
      expect(matches(email.pattern, ok)).toBe(true)
      expect((await call(t, 'POST', '/api/office/experts', { token: office.token, body: expertInput(ok) })).status).toBe(201)
    }
  })

  test('?unreadOnly= (empty) is refused; the document names true and false', async () => {
    expect(queryParameter('/api/me/messages', 'unreadOnly')).toMatchObject({ enum: ['true', 'false'] })
    const me = await wechatUser(t)
    const empty = await call(t, 'GET', '/api/me/messages?unreadOnly=', { token: me.token })
    expect([empty.status, empty.body.error.code, empty.body.error.fields[0].path]).toEqual([400, 'VALIDATION_FAILED', 'query.unreadOnly'])
    for (const value of ['true', 'false']) expect((await call(t, 'GET', `/api/me/messages?unreadOnly=${value}`, { token: me.token })).status).toBe(200)
  })

  test('?creditCode= (empty) is refused; the document states the shape of a code as a pattern', async () => {
    const pattern = queryParameter('/api/credit-code-claims', 'creditCode').pattern as string
    expect(['', '91350100M0001O0Y43'].map((v) => matches(pattern, v))).toEqual([false, false])
    expect(matches(pattern, ' 91350100m000100y43 ')).toBe(true)
    const res = await call(t, 'GET', '/api/credit-code-claims?creditCode=', { token: office.token })
    expect([res.status, res.body.error.fields]).toEqual([400, [{ path: 'query.creditCode', message: '统一社会信用代码应为 18 位' }]])
  })

  test.each([
    ['NameReviewDecision', 'name-review', 'approve'],
    ['VerificationDecision', 'verification', 'verify'],
  ])('%s: rejecting without a reason is a branch the document refuses (reason required), 400', async (id, action, other) => {
    const branches = component(id).oneOf as { properties: { decision: { const: string } }; required: string[] }[]
    expect(branches.map((b) => [b.properties.decision.const, b.required.includes('reason')])).toEqual([
      [other, false],
      ['reject', true],
    ])
    const member = await wechatUser(t)
    const org = await call(t, 'POST', '/api/organizations', { token: member.token, body: { name: `契约驳回测试${action}有限公司` } })
    const res = await call(t, 'POST', `/api/organizations/${org.body.id}/${action}`, { token: office.token, body: { decision: 'reject' } })
    expect([res.status, res.body.error.fields]).toEqual([400, [{ path: 'body.reason', message: '驳回时请填写原因' }]])
  })

  test('a multipart upload with an empty file: the document says a file has at least one byte', async () => {
    expect(doc.paths['/api/attachments'].post.requestBody.content['multipart/form-data'].schema.properties.file.minLength).toBe(1)
    const me = await wechatUser(t)
    const form = new FormData()
    form.append('file', new Blob([]), '空.pdf')
    const res = await fetch(`${t.base}/api/attachments`, { method: 'POST', headers: { authorization: `Bearer ${me.token}` }, body: form })
    expect([res.status, ((await res.json()) as { error: { fields: unknown } }).error.fields]).toEqual([400, [{ path: 'file', message: '请选择要上传的文件' }]])
  })
  test('an instant without seconds (0020-02-29T00:00Z) is not an RFC 3339 date-time: refused, as the document says', async () => {
    const res = await call(t, 'POST', '/api/office/calls', {
      token: office.token,
      body: { year: 2026, title: '契约测试征集通知', schedule: [{ kind: 'exchange', startsAt: '0020-02-29T00:00Z' }] },
    })
    expect([res.status, res.body.error.fields]).toEqual([400, [{ path: 'body.schedule.0.startsAt', message: '时间须精确到秒，如 2026-03-01T00:00:00+08:00' }]])
  })

  test('a multipart part besides the file is refused like an unknown JSON key; the document says the form holds the file alone', async () => {
    expect(doc.paths['/api/office/experts/import'].post.requestBody.content['multipart/form-data'].schema.additionalProperties).toBe(false)
    const form = new FormData()
    form.append('note', '{}')
    form.append('file', new Blob([new Uint8Array([1, 2, 3])]), 'experts.xlsx')
    const res = await fetch(`${t.base}/api/office/experts/import`, { method: 'POST', headers: { authorization: `Bearer ${office.token}` }, body: form })
    expect([res.status, ((await res.json()) as { error: { fields: unknown } }).error.fields]).toEqual([400, [{ path: 'note', message: '不允许的字段「note」' }]])
  })
})

describe('input the document accepts, refused by what only the server knows: a documented 422', () => {
  test.each([
    ['/api/auth/invite', 'post', 'INVITE_INVALID'],
    ['/api/organizations/join', 'post', 'INVITE_INVALID'],
    ['/api/auth/wechat', 'post', 'WECHAT_CODE_INVALID'],
    ['/api/me/bind/preview', 'post', 'BIND_CODE_INVALID'],
    ['/api/office/calls/{id}/committee', 'put', 'COMMITTEE_INVALID'],
    ['/api/office/experts/import', 'post', 'IMPORT_FILE_INVALID'],
    ['/api/office/experts', 'post', 'EXPERT_ACCOUNT_INVALID'],
  ])('%s %s lists 422 %s', (path, method, code) => {
    expect(responsesOf(path, method)['422'].description).toContain(code)
  })

  test('unknown codes of the documented shape are 422 with their own codes', async () => {
    const phone = await wechatUser(t)
    expect(await call(t, 'POST', '/api/auth/invite', { body: { code: '2222222222', password: 'Benchmark2026' } })).toMatchObject({ status: 422, body: failure('INVITE_INVALID') })
    expect(await call(t, 'POST', '/api/organizations/join', { token: phone.token, body: { code: '2222222222' } })).toMatchObject({ status: 422, body: failure('INVITE_INVALID') })
    expect(await call(t, 'POST', '/api/me/bind/preview', { token: phone.token, body: { code: 'BD2222222222' } })).toMatchObject({ status: 422, body: failure('BIND_CODE_INVALID') })
    // The stand-in WeChat refuses a code it never issued, as WeChat does.
    expect(await call(t, 'POST', '/api/auth/wechat', { body: { code: '0' } })).toMatchObject({ status: 422, body: failure('WECHAT_CODE_INVALID') })
  })

  test('every operation that takes input documents the 422 of VALIDATION_FAILED; one without input does not', () => {
    expect(responsesOf('/api/organizations', 'post')['422'].description).toContain('VALIDATION_FAILED')
    expect(responsesOf('/api/me', 'get')['422']).toBeUndefined()
  })

  test.each([
    ['hidden characters in a name (kept refused, issue 12 item 4)', '杭州\u200b精益制造有限公司', '含有不可见的控制字符（如文字方向控制符或零宽字符），请删除后重新输入'],
    ['a name long enough as sent but not once trimmed (the document counts what is sent)', ' 杭 ', '组织名称至少 2 个字'],
  ])('%s is VALIDATION_FAILED at 422 and creates nothing', async (_label, name, message) => {
    const member = await wechatUser(t)
    const res = await call(t, 'POST', '/api/organizations', { token: member.token, body: { name } })
    expect(res).toMatchObject({ status: 422, body: failure('VALIDATION_FAILED', { fields: [{ path: 'body.name', message }] }) })
    expect((await call(t, 'GET', '/api/me', { token: member.token })).body.organizations).toEqual([])
  })

  test('a schedule that ends before it starts is 422 at the milestone', async () => {
    const res = await call(t, 'POST', '/api/office/calls', {
      token: office.token,
      body: { year: 2026, title: '契约测试征集通知', schedule: [{ kind: 'application', startsAt: '2026-11-03T09:00:00+08:00', endsAt: '2026-11-02T09:00:00+08:00' }] },
    })
    expect(res).toMatchObject({ status: 422, body: failure('VALIDATION_FAILED', { fields: [{ path: 'body.schedule.0.endsAt', message: '结束时间不能早于开始时间' }] }) })
  })

  test('a mix of both is 400: what the document refuses comes first', async () => {
    const member = await wechatUser(t)
    const res = await call(t, 'POST', '/api/organizations', { token: member.token, body: { name: '杭州\u200b精益制造有限公司', extra: 1 } })
    expect(res.status).toBe(400)
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.extra', 'body.name'])
  })
})
