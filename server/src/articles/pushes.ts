import mongoose from 'mongoose'
import {
  ARTICLE_PUSH_STATE_LABELS,
  ARTICLE_SOURCE_LABELS,
  type ArticlePush,
  type ArticlePushState,
  type ArticleSource,
  type ArticleSourceKind,
  type OfficialAccountMode,
  type OutboxStatus,
} from '@zlbg/shared'
import { isDuplicateKey } from '../db/duplicateKey'
import { AppError } from '../http/errors'
import type { Models } from '../models'
import type { ArticlePushRecord } from '../models/article'
import type { OutboxItem } from '../models/outbox'
import { auditEffect, outboxEffects, relayPendingEffects } from '../outbox/relay'
import type { Actor } from '../policies'
import { ARTICLE_LIMITS, type Article } from './article'

/** The outbox's status as the office follows a push (ARTICLE_PUSH_STATES). */
const STATE_OF: Record<OutboxStatus, ArticlePushState> = {
  pending: 'queued',
  sending: 'queued',
  failed: 'retrying',
  sent: 'pushed',
  dead: 'failed',
  skipped: 'failed',
}

/**
 * The 阅读原文 link of one push: the article's H5 page with the push's id ahead of the hash (the H5
 * router ignores it). WeChat's draft API has no idempotency key; this is how a retry whose earlier
 * attempt got no answer recognises the draft that attempt made (outbox/officialAccountDraft.ts).
 */
export function markedSourceUrl(url: string, pushId: string): string {
  const hash = url.indexOf('#')
  const [head, tail] = hash >= 0 ? [url.slice(0, hash), url.slice(hash)] : [url, '']
  return `${head}${head.includes('?') ? '&' : '?'}oa=${pushId}${tail}`
}
export const pushMarker = (pushId: string) => `oa=${pushId}`
/** The slot a push leaves when it is done with (pushed, or given up), freeing 'open' for the next one. */
export const closedSlot = (pushId: mongoose.Types.ObjectId) => `closed:${pushId.toHexString()}`

/**
 * The office asks for a push (第十八条、第十九条): one document, its outbox record (channel oa_draft, for
 * the office account that asked) and its audit entry inserted together as pending effects, then
 * relayed. While an earlier push of the same source is still queued or retrying, a second one is
 * refused (a double tap must not make two drafts); once that one is pushed or failed, pushing again
 * is a new, deliberate draft.
 */
export async function articlePusher({
  models,
  actor,
  article,
  mode,
  now = new Date(),
}: {
  models: Models
  actor: Actor
  article: Article
  mode: OfficialAccountMode
  now?: Date
}): Promise<ArticlePushRecord> {
  if (mode === 'off') throw new AppError('OFFICIAL_ACCOUNT_OFF')
  // WeChat refuses such a draft for good (45166): said now, with the way that works.
  if ([...article.content].length >= ARTICLE_LIMITS.content) {
    throw new AppError('ARTICLE_TOO_LONG', { message: `图文正文 ${[...article.content].length} 字符，超过公众号草稿 ${ARTICLE_LIMITS.content} 字符的上限；请下载图文 HTML，在公众号平台分篇编辑发布` })
  }
  const sourceId = new mongoose.Types.ObjectId(article.sourceId)
  const open = await models.ArticlePush.findOne({ sourceKind: article.kind, sourceId, slot: 'open' }, { outboxKey: 1, mediaId: 1 }).lean()
  if (open) {
    const record = open.mediaId ? null : await models.Outbox.findOne({ key: open.outboxKey }, { status: 1 }).lean()
    // Still queued or retrying (or its record not relayed yet): this push is the one under way.
    if (!open.mediaId && (!record || ['pending', 'sending', 'failed'].includes(record.status))) throw new AppError('ARTICLE_PUSH_IN_PROGRESS')
    // Given up (dead, skipped): the office may push again.
    await models.ArticlePush.updateOne({ _id: open._id, slot: 'open' }, { $set: { slot: closedSlot(open._id) } })
  }
  const _id = new mongoose.Types.ObjectId()
  const outboxKey = `articlePush:${_id.toHexString()}:oa_draft`
  const item: OutboxItem = {
    key: outboxKey,
    channel: 'oa_draft',
    recipientUserId: actor.userId!,
    kind: 'article.push',
    content: { title: article.title, body: article.digest },
    cause: { type: 'articlePush', id: _id.toHexString() },
  }
  const { kind, sourceId: _s, date: _d, ...snapshot } = article
  let doc
  try {
    doc = await models.ArticlePush.create({
      _id,
      sourceKind: kind,
      sourceId,
      article: { ...snapshot, contentSourceUrl: markedSourceUrl(snapshot.contentSourceUrl, _id.toHexString()) },
      requestedBy: { by: new mongoose.Types.ObjectId(actor.userId), name: actor.displayName ?? '办公室', at: now },
      outboxKey,
      pendingEffects: [
        ...outboxEffects([item], now),
        auditEffect(`articlePush:${_id.toHexString()}:audit`, actor, { action: 'article.push', resource: { type: kind, id: article.sourceId }, reason: article.title, at: now }, now),
      ],
    })
  } catch (err) {
    // A concurrent request took the slot first: its push is the one under way.
    if (isDuplicateKey(err)) throw new AppError('ARTICLE_PUSH_IN_PROGRESS')
    throw err
  }
  await relayPendingEffects(models, models.ArticlePush, _id)
  return doc.toObject()
}

/** Pushes of these sources, newest first, each with its outbox record's state. */
export async function pushesOf(models: Models, sources: readonly { kind: ArticleSourceKind; id: string }[]): Promise<Map<string, ArticlePush[]>> {
  const result = new Map<string, ArticlePush[]>()
  if (sources.length === 0) return result
  const pushes = await models.ArticlePush.find(
    { $or: sources.map((s) => ({ sourceKind: s.kind, sourceId: new mongoose.Types.ObjectId(s.id) })) },
    { article: 0, pendingEffects: 0 },
  )
    .sort({ createdAt: -1 })
    .lean<ArticlePushRecord[]>()
  const records = await models.Outbox.find({ key: { $in: pushes.map((p) => p.outboxKey) } }, { key: 1, status: 1, attempts: 1, lastError: 1 }).lean()
  for (const p of pushes) {
    const key = `${p.sourceKind}:${p.sourceId.toHexString()}`
    const list = result.get(key) ?? []
    list.push(presentPush(p, records.find((r) => r.key === p.outboxKey)))
    result.set(key, list)
  }
  return result
}

export function presentPush(p: ArticlePushRecord, record?: { status: OutboxStatus; attempts: number; lastError?: string }): ArticlePush {
  // The media_id is the proof: a draft recorded is pushed, whatever the record says meanwhile.
  const state: ArticlePushState = p.mediaId ? 'pushed' : record ? STATE_OF[record.status] : 'queued'
  return {
    id: p._id.toHexString(),
    requestedByName: p.requestedBy.name,
    requestedAt: p.requestedBy.at.toISOString(),
    state,
    stateLabel: ARTICLE_PUSH_STATE_LABELS[state],
    attempts: record?.attempts ?? 0,
    ...(p.mediaId ? { mediaId: p.mediaId } : {}),
    ...(p.pushedAt ? { pushedAt: p.pushedAt.toISOString() } : {}),
    ...(record?.lastError && state !== 'pushed' ? { lastError: record.lastError } : {}),
  }
}

export function presentArticleSource(a: Article, pushes: ArticlePush[], mode: OfficialAccountMode): ArticleSource {
  return {
    kind: a.kind,
    kindLabel: ARTICLE_SOURCE_LABELS[a.kind],
    id: a.sourceId,
    title: a.title,
    digest: a.digest,
    date: a.date.toISOString(),
    url: a.contentSourceUrl,
    officialAccount: { mode, pushAvailable: mode !== 'off' },
    pushes,
  }
}
