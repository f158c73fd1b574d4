import { MESSAGE_TEMPLATES } from '@zlbg/shared'
import { loadConfig } from '../../server/src/config'
import { STANDIN_TEMPLATES, templateById, templateData, type TemplateConfig } from '../../server/src/wechat/templates'

const base = { MONGODB_URI: 'mongodb://127.0.0.1:27017/zlbg', WECHAT_API_BASE: 'http://127.0.0.1:3100' }
const real = { ...base, WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' }

describe('subscription-message data: each keyword filled from the notice and cut to what WeChat takes', () => {
  const config: TemplateConfig = {
    id: 'T1',
    fields: { thing1: 'title', phrase2: 'status', time3: 'time', thing4: 'note', date5: 'time', character_string6: 'body' },
  }
  const fallback = new Date('2026-05-01T00:00:00Z')

  test('times show in Beijing time; thing ≤ 20, phrase ≤ 5 characters, cut with …', () => {
    const data = templateData(
      config,
      {
        title: '某某集团有限公司质量管理典型经验申报材料',
        body: 'REF-2026-0001',
        status: '需要补正材料',
        time: new Date('2026-03-10T09:30:00Z'),
        note: '请在截止前提交',
      },
      fallback,
    )
    expect(data).toEqual({
      thing1: { value: '某某集团有限公司质量管理典型经验申报材料' },
      phrase2: { value: '需要补正…' },
      time3: { value: '2026年3月10日 17:30' },
      thing4: { value: '请在截止前提交' },
      date5: { value: '2026年3月10日' },
      character_string6: { value: 'REF-2026-0001' },
    })
    expect([...data.thing1!.value]).toHaveLength(20)
    const longer = templateData(config, { title: '一二三四五六七八九十一二三四五六七八九十多', body: 'x' }, fallback)
    expect(longer.thing1).toEqual({ value: '一二三四五六七八九十一二三四五六七八九…' })
  })

  test('a field the notice lacks: the fallback time, or 无 — never an empty value (WeChat refuses those)', () => {
    const data = templateData(config, { title: '标题', body: '正文' }, fallback)
    expect(data.phrase2).toEqual({ value: '无' })
    expect(data.time3).toEqual({ value: '2026年5月1日 08:00' })
    expect(data.thing4).toEqual({ value: '无' })
  })
})

describe('WECHAT_TEMPLATES', () => {
  test('absent with the stand-in: the stand-in’s templates for every template name', () => {
    expect(loadConfig(base).templates).toEqual(STANDIN_TEMPLATES)
    expect(Object.keys(STANDIN_TEMPLATES).sort()).toEqual([...MESSAGE_TEMPLATES].sort())
  })

  test('absent with the real WeChat: none, so only in-app messages are sent', () => {
    expect(loadConfig(real).templates).toEqual({})
  })

  test('a JSON object maps our templates to ids and keywords', () => {
    const value = { application_progress: { id: 'AbC-1', fields: { thing1: 'title', time2: 'time' } } }
    const templates = loadConfig({ ...real, WECHAT_TEMPLATES: JSON.stringify(value) }).templates
    expect(templates).toEqual(value)
    expect(templateById(templates, 'AbC-1')).toBe('application_progress')
    expect(templateById(templates, 'other')).toBeUndefined()
  })

  test.each([
    ['not JSON', '{application_progress'],
    ['an unknown template name', JSON.stringify({ reminders: { id: 'x', fields: { thing1: 'title' } } })],
    ['a keyword WeChat does not have', JSON.stringify({ event_reminder: { id: 'x', fields: { topic1: 'title' } } })],
    ['a field a notice does not have', JSON.stringify({ event_reminder: { id: 'x', fields: { thing1: 'place' } } })],
    ['no keywords', JSON.stringify({ event_reminder: { id: 'x', fields: {} } })],
    ['no id', JSON.stringify({ event_reminder: { fields: { thing1: 'title' } } })],
  ])('%s stops start-up naming WECHAT_TEMPLATES', (_, value) => {
    expect(() => loadConfig({ ...real, WECHAT_TEMPLATES: value })).toThrow(/WECHAT_TEMPLATES/)
  })
})

describe('JOBS_ENABLED and OUTBOX_MAX_ATTEMPTS', () => {
  test('jobs run by default; six delivery attempts by default', () => {
    expect(loadConfig(base)).toMatchObject({ JOBS_ENABLED: true, OUTBOX_MAX_ATTEMPTS: 6 })
  })
  test.each([
    ['false', false],
    ['0', false],
    ['true', true],
    ['1', true],
  ])('JOBS_ENABLED=%s', (value, enabled) => {
    expect(loadConfig({ ...base, JOBS_ENABLED: value }).JOBS_ENABLED).toBe(enabled)
  })
  test.each([
    ['JOBS_ENABLED', { JOBS_ENABLED: 'sometimes' }],
    ['OUTBOX_MAX_ATTEMPTS', { OUTBOX_MAX_ATTEMPTS: '0' }],
    ['OUTBOX_MAX_ATTEMPTS', { OUTBOX_MAX_ATTEMPTS: 'many' }],
  ])('a bad %s stops start-up naming it', (name, patch) => {
    expect(() => loadConfig({ ...base, ...patch })).toThrow(new RegExp(`\\b${name}\\b`))
  })
})
