// Pure helpers of the mini-program's request layer, paged lists and forms. Each module imported here
// loads without @tarojs/* or NutUI (useForm.ts pulls in react only, for its hook).
import type { FieldError, Page } from '@zlbg/shared'
import { buildUrl, fillPath, queryString, type PathParams, type QueryParams } from '../../miniapp/src/api/url'
import { ApiError, apiErrorFromResponse, networkError, toApiError, unexpectedResponse } from '../../miniapp/src/api/errors'
import { appendPage, firstPage, hasMore, nextPageNumber, type PagedList } from '../../miniapp/src/hooks/pagedList'
import { groupFieldErrors } from '../../miniapp/src/hooks/useForm'
import { markUsersStale, takeUsersStale } from '../../miniapp/src/subpackages/office/users/changes'
import { STRINGS } from '../../miniapp/src/strings'
import { OFFICE_STRINGS } from '../../miniapp/src/subpackages/office/strings'

const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试'
const UNEXPECTED_MESSAGE = '服务器返回了无法识别的内容，请稍后再试'

describe('filling path parameters', () => {
  test.each<[string, string, PathParams, string]>([
    ['a path without parameters is unchanged', '/api/calls', {}, '/api/calls'],
    ['one parameter', '/api/calls/:id', { id: 'c-1' }, '/api/calls/c-1'],
    ['a parameter in the middle', '/api/users/:id/roles', { id: 'u-42' }, '/api/users/u-42/roles'],
    ['a number', '/api/me/messages/:id/read', { id: 7 }, '/api/me/messages/7/read'],
    ['a slash in a value is encoded, not a new segment', '/api/calls/:id', { id: 'a/b' }, '/api/calls/a%2Fb'],
    ['a question mark and hash are encoded', '/api/calls/:id', { id: 'x?y#z' }, '/api/calls/x%3Fy%23z'],
    ['Chinese text is percent-encoded as UTF-8', '/api/calls/:id', { id: '标杆' }, '/api/calls/%E6%A0%87%E6%9D%86'],
    ['extra params are ignored', '/api/calls/:id', { id: '1', other: '2' }, '/api/calls/1'],
    ['two parameters', '/api/:kind/:id', { kind: 'users', id: 'u 1' }, '/api/users/u%201'],
    ['the number zero is a value', '/api/calls/:id', { id: 0 }, '/api/calls/0'],
  ])('%s', (_name, path, params, filled) => {
    expect(fillPath(path, params)).toBe(filled)
  })

  test.each<[string, PathParams]>([
    ['absent', {}],
    ['empty', { id: '' }],
  ])('a %s parameter throws', (_name, params) => {
    expect(() => fillPath('/api/users/:id/roles', params)).toThrow('missing path parameter "id" for /api/users/:id/roles')
  })
})

describe('query strings', () => {
  test.each<[string, QueryParams, string]>([
    ['nothing gives an empty string', {}, ''],
    ['only undefined and null gives an empty string', { a: undefined, b: null }, ''],
    ['undefined and null are dropped, the rest kept in order', { page: 2, q: undefined, role: 'office', x: null }, '?page=2&role=office'],
    ['numbers and booleans become text', { page: 1, pageSize: 20, unread: true, all: false }, '?page=1&pageSize=20&unread=true&all=false'],
    ['zero is kept', { page: 0 }, '?page=0'],
    ['an empty string is kept', { q: '' }, '?q='],
    ['Chinese text is percent-encoded as UTF-8', { q: '质量标杆' }, '?q=%E8%B4%A8%E9%87%8F%E6%A0%87%E6%9D%86'],
    ['reserved characters are encoded', { q: 'a&b=c d+e/f?' }, '?q=a%26b%3Dc%20d%2Be%2Ff%3F'],
    ['keys are encoded too', { 'a b': '1' }, '?a%20b=1'],
    ['an instant with an offset keeps its plus sign', { from: '2026-11-25T00:00:00+08:00' }, '?from=2026-11-25T00%3A00%3A00%2B08%3A00'],
  ])('%s', (_name, query, text) => {
    expect(queryString(query)).toBe(text)
  })

  test('no argument gives an empty string', () => {
    expect(queryString()).toBe('')
  })
})

describe('building a URL', () => {
  test.each<[string, string, string, PathParams | undefined, QueryParams | undefined, string]>([
    ['same origin (H5)', '', '/api/calls', undefined, undefined, '/api/calls'],
    ['weapp origin', 'http://127.0.0.1:3000', '/api/calls', undefined, { page: 2 }, 'http://127.0.0.1:3000/api/calls?page=2'],
    ['a trailing slash on the base is dropped', 'https://zlbg.example.cn/', '/api/me', undefined, undefined, 'https://zlbg.example.cn/api/me'],
    ['several trailing slashes are dropped', 'https://zlbg.example.cn///', '/api/me', undefined, undefined, 'https://zlbg.example.cn/api/me'],
    ['a port in the base is not mistaken for a parameter', 'http://localhost:3000', '/api/calls/:id', { id: 'c-1' }, undefined, 'http://localhost:3000/api/calls/c-1'],
    [
      'path parameter and query together',
      'https://zlbg.example.cn',
      '/api/users/:id/roles',
      { id: 'u/1' },
      { q: '张三', role: undefined },
      'https://zlbg.example.cn/api/users/u%2F1/roles?q=%E5%BC%A0%E4%B8%89',
    ],
  ])('%s', (_name, base, path, params, query, url) => {
    expect(buildUrl(base, path, params, query)).toBe(url)
  })

  test('a missing path parameter throws', () => {
    expect(() => buildUrl('', '/api/calls/:id')).toThrow('missing path parameter "id" for /api/calls/:id')
  })
})

describe('normalising errors', () => {
  test.each<[string, number, unknown, { code: string; message: string; status: number | undefined; fields: FieldError[]; retryAfterSeconds: number | undefined }]>([
    [
      'a server error body',
      404,
      { error: { code: 'NOT_FOUND', message: '未找到' } },
      { code: 'NOT_FOUND', message: '未找到', status: 404, fields: [], retryAfterSeconds: undefined },
    ],
    [
      'VALIDATION_FAILED keeps its fields',
      400,
      { error: { code: 'VALIDATION_FAILED', message: '提交的内容有误', fields: [{ path: 'username', message: '用户名已被占用' }, { path: 'roles.0', message: '角色无效' }] } },
      {
        code: 'VALIDATION_FAILED',
        message: '提交的内容有误',
        status: 400,
        fields: [
          { path: 'username', message: '用户名已被占用' },
          { path: 'roles.0', message: '角色无效' },
        ],
        retryAfterSeconds: undefined,
      },
    ],
    [
      'malformed field entries are dropped',
      400,
      { error: { code: 'VALIDATION_FAILED', message: '提交的内容有误', fields: [{ path: 'a', message: 'ok' }, { path: 1, message: 'x' }, { path: 'b' }, null, 'c', ['d']] } },
      { code: 'VALIDATION_FAILED', message: '提交的内容有误', status: 400, fields: [{ path: 'a', message: 'ok' }], retryAfterSeconds: undefined },
    ],
    [
      'fields that are not a list are ignored',
      400,
      { error: { code: 'VALIDATION_FAILED', message: '提交的内容有误', fields: { path: 'a', message: 'b' } } },
      { code: 'VALIDATION_FAILED', message: '提交的内容有误', status: 400, fields: [], retryAfterSeconds: undefined },
    ],
    [
      'a 429 carries retryAfterSeconds',
      429,
      { error: { code: 'LOGIN_LOCKED', message: '登录失败次数过多', retryAfterSeconds: 900 } },
      { code: 'LOGIN_LOCKED', message: '登录失败次数过多', status: 429, fields: [], retryAfterSeconds: 900 },
    ],
    [
      'a non-numeric retryAfterSeconds is ignored',
      429,
      { error: { code: 'RATE_LIMITED', message: '请求过于频繁', retryAfterSeconds: '60' } },
      { code: 'RATE_LIMITED', message: '请求过于频繁', status: 429, fields: [], retryAfterSeconds: undefined },
    ],
    [
      'body field paths are the form\'s own (body.reason → reason); query paths stay as they are',
      400,
      { error: { code: 'VALIDATION_FAILED', message: '有误', fields: [{ path: 'body.reason', message: '请填写原因' }, { path: 'query.page', message: '页码有误' }] } },
      { code: 'VALIDATION_FAILED', message: '有误', status: 400, fields: [{ path: 'reason', message: '请填写原因' }, { path: 'query.page', message: '页码有误' }], retryAfterSeconds: undefined },
    ],
    [
      'a code this build does not know still keeps its message',
      409,
      { error: { code: 'SOMETHING_NEW', message: '新的错误' } },
      { code: 'SOMETHING_NEW', message: '新的错误', status: 409, fields: [], retryAfterSeconds: undefined },
    ],
    ['an HTML error page', 502, '<html>Bad Gateway</html>', { code: 'HTTP_ERROR', message: '请求失败（502），请稍后再试', status: 502, fields: [], retryAfterSeconds: undefined }],
    ['no body', 500, undefined, { code: 'HTTP_ERROR', message: '请求失败（500），请稍后再试', status: 500, fields: [], retryAfterSeconds: undefined }],
    ['a null body', 503, null, { code: 'HTTP_ERROR', message: '请求失败（503），请稍后再试', status: 503, fields: [], retryAfterSeconds: undefined }],
    ['an array body', 500, [{ error: { code: 'X', message: 'y' } }], { code: 'HTTP_ERROR', message: '请求失败（500），请稍后再试', status: 500, fields: [], retryAfterSeconds: undefined }],
    ['an error without a message', 400, { error: { code: 'BAD' } }, { code: 'HTTP_ERROR', message: '请求失败（400），请稍后再试', status: 400, fields: [], retryAfterSeconds: undefined }],
    ['an error whose code is not text', 400, { error: { code: 400, message: 'bad' } }, { code: 'HTTP_ERROR', message: '请求失败（400），请稍后再试', status: 400, fields: [], retryAfterSeconds: undefined }],
    ['an error that is a string', 400, { error: 'bad' }, { code: 'HTTP_ERROR', message: '请求失败（400），请稍后再试', status: 400, fields: [], retryAfterSeconds: undefined }],
  ])('%s', (_name, status, body, expected) => {
    const error = apiErrorFromResponse(status, body)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toBeInstanceOf(Error)
    expect({
      code: error.code,
      message: error.message,
      status: error.status,
      fields: error.fields,
      retryAfterSeconds: error.retryAfterSeconds,
    }).toEqual(expected)
    expect(error.isNetworkError).toBe(false)
    expect(error.name).toBe('ApiError')
  })

  test('a network failure is NETWORK_ERROR with the Chinese network message and no status', () => {
    const error = networkError()
    expect(error.code).toBe('NETWORK_ERROR')
    expect(error.message).toBe(NETWORK_MESSAGE)
    expect(error.status).toBeUndefined()
    expect(error.fields).toEqual([])
    expect(error.isNetworkError).toBe(true)
  })

  test('an unexpected response keeps its status', () => {
    const error = unexpectedResponse(200)
    expect([error.code, error.message, error.status, error.isNetworkError]).toEqual(['UNEXPECTED_RESPONSE', UNEXPECTED_MESSAGE, 200, false])
  })

  test('toApiError passes an ApiError through unchanged', () => {
    const original = apiErrorFromResponse(403, { error: { code: 'FORBIDDEN', message: '没有权限' } })
    expect(toApiError(original)).toBe(original)
    const network = networkError()
    expect(toApiError(network)).toBe(network)
  })

  test.each<[string, unknown]>([
    ['a TypeError', new TypeError('x is undefined')],
    ['a string', 'boom'],
    ['undefined', undefined],
    ['a lookalike object', { code: 'NOT_FOUND', message: '未找到' }],
  ])('toApiError turns %s into a generic UNEXPECTED_RESPONSE', (_name, thrown) => {
    const error = toApiError(thrown)
    expect(error).toBeInstanceOf(ApiError)
    expect([error.code, error.message, error.status]).toEqual(['UNEXPECTED_RESPONSE', UNEXPECTED_MESSAGE, undefined])
  })
})

describe('merging pages of a list', () => {
  type Item = { id: string; n: number }
  const item = (id: string, n = 0): Item => ({ id, n })
  const page = (p: number, ids: string[], total: number, pageSize = 3): Page<Item> => ({ items: ids.map((id) => item(id, p)), page: p, pageSize, total })
  const ids = (list: PagedList<Item>) => list.items.map((i) => i.id)

  test('the first page is copied, not shared', () => {
    const first = page(1, ['a', 'b', 'c'], 7)
    const list = firstPage(first)
    expect(list).toEqual({ items: first.items, page: 1, pageSize: 3, total: 7 })
    expect(list.items).not.toBe(first.items)
  })

  test.each<[string, string[], Page<Item>, string[], { page: number; total: number }]>([
    ['a next page is appended', ['a', 'b', 'c'], page(2, ['d', 'e', 'f'], 7), ['a', 'b', 'c', 'd', 'e', 'f'], { page: 2, total: 7 }],
    [
      'an item shifted onto the next page (something published in between) appears once',
      ['a', 'b', 'c'],
      page(2, ['c', 'd', 'e'], 8),
      ['a', 'b', 'c', 'd', 'e'],
      { page: 2, total: 8 },
    ],
    ['a page of only known items adds nothing but moves on', ['a', 'b', 'c'], page(2, ['a', 'b', 'c'], 6), ['a', 'b', 'c'], { page: 2, total: 6 }],
    ['an empty page adds nothing', ['a', 'b', 'c'], page(2, [], 3), ['a', 'b', 'c'], { page: 2, total: 3 }],
    ['page 1 again replaces the list (refresh)', ['a', 'b', 'c', 'd'], page(1, ['z', 'a'], 9), ['z', 'a'], { page: 1, total: 9 }],
    ['a page number below 1 also replaces the list', ['a'], page(0, ['q'], 1), ['q'], { page: 0, total: 1 }],
  ])('%s', (_name, before, next, after, meta) => {
    const list: PagedList<Item> = { items: before.map((id) => item(id)), page: next.page <= 1 ? 1 : next.page - 1, pageSize: 3, total: 99 }
    const merged = appendPage(list, next)
    expect(ids(merged)).toEqual(after)
    expect({ page: merged.page, total: merged.total }).toEqual(meta)
    expect(ids(list)).toEqual(before) // the earlier list is not mutated
  })

  test('a kept item keeps its first version', () => {
    const list = firstPage(page(1, ['a', 'b'], 4, 2))
    const merged = appendPage(list, page(2, ['b', 'c'], 4, 2))
    expect(merged.items).toEqual([item('a', 1), item('b', 1), item('c', 2)])
  })

  test.each<[string, PagedList<unknown> | null, boolean, number]>([
    ['nothing loaded yet', null, false, 1],
    ['fewer loaded than the total', { items: [], page: 1, pageSize: 10, total: 11 }, true, 2],
    ['exactly the total', { items: [], page: 2, pageSize: 10, total: 20 }, false, 3],
    ['a short last page', { items: [], page: 3, pageSize: 10, total: 25 }, false, 4],
    ['an empty list', { items: [], page: 1, pageSize: 10, total: 0 }, false, 2],
    ['the total grew since the last page', { items: [], page: 2, pageSize: 10, total: 21 }, true, 3],
  ])('%s: hasMore %s, next page %i', (_name, list, more, next) => {
    expect(hasMore(list)).toBe(more)
    expect(nextPageNumber(list)).toBe(next)
  })

  test('hasMore counts pages, not the deduplicated items', () => {
    const merged = appendPage(firstPage(page(1, ['a', 'b', 'c'], 7)), page(2, ['c', 'd', 'e'], 7))
    expect(merged.items).toHaveLength(5)
    expect(hasMore(merged)).toBe(true)
    expect(nextPageNumber(merged)).toBe(3)
  })
})

describe('grouping field errors under form fields', () => {
  const fields = ['username', 'displayName', 'email', 'roles', 'password', 'passwordConfirm']

  test.each<[string, FieldError[], { byField: Record<string, string>; rest: string[] }]>([
    ['no errors', [], { byField: {}, rest: [] }],
    ['a top-level field', [{ path: 'username', message: '用户名已被占用' }], { byField: { username: '用户名已被占用' }, rest: [] }],
    ['an array element belongs to its field', [{ path: 'roles.0', message: '角色无效' }], { byField: { roles: '角色无效' }, rest: [] }],
    ['a nested path belongs to its field', [{ path: 'email.domain.0', message: '邮箱无效' }], { byField: { email: '邮箱无效' }, rest: [] }],
    ['the first message for a field wins', [{ path: 'roles.1', message: '第二个' }, { path: 'roles', message: '第一个之后' }], { byField: { roles: '第二个' }, rest: [] }],
    [
      'a field whose name starts with another field name is not confused with it',
      [{ path: 'passwordConfirm', message: '两次输入的密码不一致' }],
      { byField: { passwordConfirm: '两次输入的密码不一致' }, rest: [] },
    ],
    ['a prefix without a dot is not the field', [{ path: 'rolesExtra', message: '多余' }], { byField: {}, rest: ['多余'] }],
    ['an unknown path goes to rest', [{ path: 'schedule.0.startsAt', message: '时间无效' }], { byField: {}, rest: ['时间无效'] }],
    ['an empty path (whole body) goes to rest', [{ path: '', message: '请求内容有误' }], { byField: {}, rest: ['请求内容有误'] }],
    [
      'mixed: fields and rest, rest in order',
      [
        { path: 'x', message: 'x1' },
        { path: 'username', message: 'u1' },
        { path: 'y', message: 'y1' },
        { path: 'username', message: 'u2' },
        { path: 'roles.3', message: 'r1' },
      ],
      { byField: { username: 'u1', roles: 'r1' }, rest: ['x1', 'y1'] },
    ],
  ])('%s', (_name, errors, grouped) => {
    expect(groupFieldErrors(errors, fields)).toEqual(grouped)
  })

  test('with no form fields everything is rest', () => {
    expect(groupFieldErrors([{ path: 'username', message: 'm' }], [])).toEqual({ byField: {}, rest: ['m'] })
  })
})

describe('the users list stale flag (新建账号 → 账号管理)', () => {
  test('is taken once after being marked', () => {
    takeUsersStale() // start clean whatever ran before
    expect(takeUsersStale()).toBe(false)
    markUsersStale()
    markUsersStale()
    expect(takeUsersStale()).toBe(true)
    expect(takeUsersStale()).toBe(false)
  })
})

describe('counted strings', () => {
  test.each([
    [0, '0'],
    [1, '1'],
    [99, '99'],
    [100, '99+'],
    [1234, '99+'],
  ])('the unread badge for %i is %s', (n, text) => {
    expect(STRINGS.me.unreadBadge(n)).toBe(text)
  })

  test.each([
    [0, '全部已读'],
    [1, '1 条未读'],
    [120, '120 条未读'],
  ])('the message center header for %i unread is %s', (n, text) => {
    expect(STRINGS.messages.unread(n)).toBe(text)
  })

  test.each([
    [0, '未订阅'],
    [3, '可接收 3 条'],
  ])('subscription credits %i read %s', (n, text) => {
    expect(STRINGS.messages.credits(n)).toBe(text)
  })

  test('the audit export file name carries the day', () => {
    expect(OFFICE_STRINGS.audit.fileName('2026-11-25')).toBe('审计日志-2026-11-25.xlsx')
  })

  test('the network messages are the ones errors.ts uses', () => {
    expect(STRINGS.network.failed).toBe(NETWORK_MESSAGE)
    expect(STRINGS.network.unexpected).toBe(UNEXPECTED_MESSAGE)
    expect(STRINGS.network.requestFailed(418)).toBe('请求失败（418），请稍后再试')
  })
})
