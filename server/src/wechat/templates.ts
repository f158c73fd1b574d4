import { z } from 'zod'
import { formatDate, formatDateTime, MESSAGE_TEMPLATES, type MessageTemplate } from '@zlbg/shared'
import type { NoticeContent } from '../models/outbox'

/**
 * Subscription-message templates (订阅消息模板). Each deployment picks its templates in the WeChat
 * admin console (功能 → 订阅消息); a picked template has an id and keywords such as `thing1`,
 * `phrase3`, `time2`, whose numbers depend on the template. So both are configuration: one JSON variable
 *
 *   WECHAT_TEMPLATES='{"application_progress":{"id":"<template id>","fields":{"thing1":"title","phrase3":"status","time2":"time","thing4":"note"}}}'
 *
 * maps each of our templates (MESSAGE_TEMPLATES) to its id and says which part of a notice fills
 * each keyword. A template left out is not sent through WeChat (the in-app message still is).
 */

/** The parts of a notice a keyword can show. */
export const NOTICE_FIELDS = ['title', 'body', 'status', 'time', 'note'] as const
export type NoticeField = (typeof NOTICE_FIELDS)[number]

export interface TemplateConfig {
  id: string
  /** Keyword → the notice field it shows, e.g. { thing1: 'title', time2: 'time' }. */
  fields: Record<string, NoticeField>
}
export type TemplateSettings = Partial<Record<MessageTemplate, TemplateConfig>>

/** Keyword types WeChat defines, with the longest value each takes (订阅消息参数值内容限制说明). */
const KEYWORD_LIMITS: Record<string, number | 'time' | 'date'> = {
  thing: 20,
  phrase: 5,
  name: 10,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  phone_number: 17,
  car_number: 8,
  time: 'time',
  date: 'date',
}
const KEYWORD = new RegExp(`^(${Object.keys(KEYWORD_LIMITS).join('|')})(\\d+)$`)

const TemplateConfigSchema = z.strictObject({
  id: z.string().trim().min(1).max(128),
  fields: z
    .record(z.string().regex(KEYWORD, 'keywords look like thing1, phrase3, time2'), z.enum(NOTICE_FIELDS))
    .refine((f) => Object.keys(f).length > 0, 'name at least one keyword'),
})

const TemplatesSchema = z.partialRecord(z.enum(MESSAGE_TEMPLATES), TemplateConfigSchema)

/** Spread into the server's config schema: WECHAT_TEMPLATES, a JSON object (see above). */
export const TemplatesConfigSchema = z.object({
  WECHAT_TEMPLATES: z.preprocess((v, ctx) => {
    if (v === undefined || v === '') return undefined
    if (typeof v !== 'string') return v
    try {
      return JSON.parse(v)
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"application_progress":{"id":"…","fields":{"thing1":"title"}}}' })
      return z.NEVER
    }
  }, TemplatesSchema.optional()),
})

/**
 * The stand-in's templates, used under `npm start` and in tests when WECHAT_TEMPLATES is not set:
 * every template with the same four keywords.
 */
export const STANDIN_TEMPLATES: Record<MessageTemplate, TemplateConfig> = Object.fromEntries(
  MESSAGE_TEMPLATES.map((name) => [
    name,
    { id: `standin-${name.replace(/_/g, '-')}`, fields: { thing1: 'title', phrase2: 'status', time3: 'time', thing4: 'note' } },
  ]),
) as unknown as Record<MessageTemplate, TemplateConfig>

/** What is configured; with the stand-in and nothing configured, the stand-in's own templates. */
export function templateSettings(configured: TemplateSettings | undefined, mode: 'real' | 'standin'): TemplateSettings {
  if (configured) return configured
  return mode === 'standin' ? STANDIN_TEMPLATES : {}
}

/** The template a template id belongs to, if it is one of ours. */
export function templateById(settings: TemplateSettings, templateId: string): MessageTemplate | undefined {
  return (Object.keys(settings) as MessageTemplate[]).find((name) => settings[name]?.id === templateId)
}

function fit(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`
}

/**
 * The `data` of a subscription message: each keyword filled from the notice and cut to what its type
 * takes (a value WeChat refuses fails the whole send with 47003). Times show in Beijing time; a keyword
 * whose field the notice lacks shows `fallbackTime` (time, date) or 无.
 */
export function templateData(
  config: TemplateConfig,
  content: NoticeContent,
  fallbackTime: Date,
): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {}
  for (const [keyword, field] of Object.entries(config.fields)) {
    const limit = KEYWORD_LIMITS[KEYWORD.exec(keyword)![1]!]!
    const raw = content[field]
    if (limit === 'time' || limit === 'date') {
      const at = raw instanceof Date ? raw : fallbackTime
      data[keyword] = { value: limit === 'time' ? formatDateTime(at) : formatDate(at) }
    } else {
      const text = raw instanceof Date ? formatDateTime(raw) : (raw ?? '').trim()
      data[keyword] = { value: fit(text || '无', limit) }
    }
  }
  return data
}
