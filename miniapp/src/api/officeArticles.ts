import type { ArticleSourceKind, ResponseOf } from '@zlbg/shared'
import { callApi } from './client'
import { downloadRoute } from './download'

export type ArticleSourcePage = ResponseOf<'listArticles'>
export type ArticleSource = ResponseOf<'getArticle'>
export type ArticlePush = ResponseOf<'pushArticle'>

/** 公众号图文: one article per publicity list, published list and announcement, newest first (office). */
export function fetchArticlesPage(page: number, kind?: ArticleSourceKind, pageSize = 10): Promise<ArticleSourcePage> {
  return callApi('listArticles', { query: { page, pageSize, ...(kind ? { kind } : {}) } })
}

export function fetchArticle(kind: ArticleSourceKind, id: string): Promise<ArticleSource> {
  return callApi('getArticle', { params: { kind, id }, toast: false })
}

/** Queues the push to the official account's draft box; refusals (in progress, no account) are shown by the caller. */
export function pushArticle(kind: ArticleSourceKind, id: string): Promise<ArticlePush> {
  return callApi('pushArticle', { params: { kind, id }, toast: false })
}

export function downloadArticleHtml(kind: ArticleSourceKind, id: string): Promise<void> {
  return downloadRoute('downloadArticleHtml', {}, `图文-${kind}-${id}.html`, { kind, id })
}
