import { z } from 'zod'
import type { Models } from '../models'
import { createAccessTokenStore, type AccessTokenStore } from './accessToken'
import { createWeChatClient, requester, type WeChatClient, type WeChatClientOptions } from './client'

/**
 * The official account's (公众号) draft API, the channel 第十八条 and 第十九条 name for the lists: an
 * article goes to the account's draft box (草稿箱), never straight to followers — the office reviews
 * and sends it on the official-account platform. Same request rules as every WeChat API (client.ts):
 * HTTP 200, failures as errcode; the account has its own appid, secret and access token.
 */

/** One news article (图文) as draft/add takes it. */
export interface DraftArticle {
  /** At most 32 characters. */
  title: string
  /** At most 16 characters. */
  author: string
  /** At most 128 characters. */
  digest: string
  /** HTML; WeChat removes scripts and external images. Under 20,000 characters. */
  content: string
  /** 阅读原文; at most 1 KB. */
  contentSourceUrl: string
  /** A permanent material's media_id (material/add_material). Required for a news article. */
  thumbMediaId: string
}

export interface DraftSummary {
  mediaId: string
  updateTime: number
  articles: { title: string; contentSourceUrl: string }[]
}

export interface OfficialAccountClient {
  readonly appId: string
  /** 新增永久素材 (image): the cover a news article needs. */
  addImageMaterial(accessToken: string, file: { filename: string; contentType: string; bytes: Uint8Array }): Promise<{ mediaId: string; url?: string }>
  /** 新增草稿: the draft's media_id. */
  addDraft(accessToken: string, articles: readonly DraftArticle[]): Promise<{ mediaId: string }>
  /** 获取草稿列表, one page (count 1–20), without the articles' content. */
  listDrafts(accessToken: string, page: { offset: number; count: number }): Promise<{ totalCount: number; items: DraftSummary[] }>
}

const MaterialAnswer = z.object({ media_id: z.string().min(1), url: z.string().optional() })
const DraftAnswer = z.object({ media_id: z.string().min(1) })
const DraftListAnswer = z.object({
  total_count: z.number().int(),
  item_count: z.number().int(),
  item: z
    .array(
      z.object({
        media_id: z.string(),
        update_time: z.number().int().default(0),
        content: z.object({ news_item: z.array(z.object({ title: z.string().default(''), content_source_url: z.string().default('') })).default([]) }),
      }),
    )
    .default([]),
})

export function createOfficialAccountClient(options: WeChatClientOptions): OfficialAccountClient {
  const request = requester(options)
  return {
    appId: options.appId,

    async addImageMaterial(accessToken, { filename, contentType, bytes }) {
      const form = new FormData()
      form.append('media', new Blob([new Uint8Array(bytes)], { type: contentType }), filename)
      const answer = await request({ method: 'POST', path: '/cgi-bin/material/add_material', query: { access_token: accessToken, type: 'image' }, body: form }, MaterialAnswer)
      return { mediaId: answer.media_id, ...(answer.url ? { url: answer.url } : {}) }
    },

    async addDraft(accessToken, articles) {
      const answer = await request(
        {
          method: 'POST',
          path: '/cgi-bin/draft/add',
          query: { access_token: accessToken },
          body: {
            articles: articles.map((a) => ({
              article_type: 'news',
              title: a.title,
              author: a.author,
              digest: a.digest,
              content: a.content,
              content_source_url: a.contentSourceUrl,
              thumb_media_id: a.thumbMediaId,
              need_open_comment: 0,
              only_fans_can_comment: 0,
            })),
          },
        },
        DraftAnswer,
      )
      return { mediaId: answer.media_id }
    },

    async listDrafts(accessToken, { offset, count }) {
      const answer = await request(
        { method: 'POST', path: '/cgi-bin/draft/batchget', query: { access_token: accessToken }, body: { offset, count, no_content: 1 } },
        DraftListAnswer,
      )
      return {
        totalCount: answer.total_count,
        items: answer.item.map((i) => ({
          mediaId: i.media_id,
          updateTime: i.update_time,
          articles: i.content.news_item.map((n) => ({ title: n.title, contentSourceUrl: n.content_source_url })),
        })),
      }
    },
  }
}

/** The official account's client and its access token, shared by every instance like the mini-program's (accessToken.ts). */
export interface OfficialAccountServices {
  client: OfficialAccountClient
  tokens: AccessTokenStore
}

export function createOfficialAccountServices({
  options,
  models,
  instanceId,
  now,
}: {
  options: WeChatClientOptions
  models: Models
  instanceId: string
  now?: () => Date
}): OfficialAccountServices {
  // The token endpoint is the same for every WeChat app: the account's appid and secret fetch its own.
  const tokenClient: WeChatClient = createWeChatClient(options)
  return {
    client: createOfficialAccountClient(options),
    tokens: createAccessTokenStore({ models, client: tokenClient, instanceId, ...(now ? { now } : {}) }),
  }
}
