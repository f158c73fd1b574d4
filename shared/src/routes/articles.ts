import { z } from 'zod'
import { ArticleListQuerySchema, ArticlePushSchema, ArticleSourcePageSchema, ArticleSourceParamsSchema, ArticleSourceSchema } from '../articles'
import { route } from './define'

/** The official account's articles (第十八条、第十九条、第二十一条): the office's list, the HTML, the push to the draft box. */
export const ARTICLE_ROUTES = {
  listArticles: route({
    method: 'get',
    path: '/api/office/articles',
    summary: '公众号图文：公示名单、公布的名单、移除公告各一篇，含推送记录（办公室）',
    tag: 'articles',
    action: 'article.manage',
    query: ArticleListQuerySchema,
    response: ArticleSourcePageSchema,
  }),
  getArticle: route({
    method: 'get',
    path: '/api/office/articles/:kind/:id',
    summary: '一篇公众号图文及其推送记录（办公室）',
    tag: 'articles',
    action: 'article.manage',
    params: ArticleSourceParamsSchema,
    response: ArticleSourceSchema,
    errors: ['ARTICLE_SOURCE_NOT_FOUND'],
  }),
  downloadArticleHtml: route({
    method: 'get',
    path: '/api/office/articles/:kind/:id/html',
    summary: '下载图文 HTML（标题、摘要、正文表格、小程序页面链接），供在公众号平台手动发布',
    tag: 'articles',
    action: 'article.manage',
    params: ArticleSourceParamsSchema,
    response: z.any(),
    download: { contentType: 'text/html; charset=utf-8' },
    errors: ['ARTICLE_SOURCE_NOT_FOUND'],
  }),
  pushArticle: route({
    method: 'post',
    path: '/api/office/articles/:kind/:id/pushes',
    summary: '推送到公众号草稿箱（经发送队列，失败自动重试；一次推送只生成一篇草稿；群发仍由办公室在公众号平台操作）',
    tag: 'articles',
    action: 'article.manage',
    params: ArticleSourceParamsSchema,
    response: ArticlePushSchema,
    status: 201,
    errors: ['ARTICLE_SOURCE_NOT_FOUND', 'OFFICIAL_ACCOUNT_OFF', 'ARTICLE_PUSH_IN_PROGRESS', 'ARTICLE_TOO_LONG'],
  }),
} as const
