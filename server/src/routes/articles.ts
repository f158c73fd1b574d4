import type { OfficialAccountMode } from '@zlbg/shared'
import { articleHeaders, articleHtmlDocument, loadArticle, type ArticleContext } from '../articles/article'
import { articlePusher, presentArticleSource, presentPush, pushesOf } from '../articles/pushes'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Models } from '../models'

type Names = 'listArticles' | 'getArticle' | 'downloadArticleHtml' | 'pushArticle'

/** The official account's articles (第十八条、第十九条、第二十一条): the office's list, the HTML download, the push to the draft box. */
export function articleHandlers(
  models: Models,
  { publicBaseUrl, miniProgramAppId, officialAccountMode }: { publicBaseUrl: string; miniProgramAppId?: string; officialAccountMode: OfficialAccountMode },
): Pick<Handlers, Names> {
  const context: ArticleContext = { models, base: publicBaseUrl, ...(miniProgramAppId ? { miniProgramAppId } : {}) }
  const load = async (kind: Parameters<typeof loadArticle>[1], id: string) => {
    const article = await loadArticle(context, kind, id)
    if (!article) throw new AppError('ARTICLE_SOURCE_NOT_FOUND')
    return article
  }

  return {
    async listArticles(_ctx, { query }) {
      const headers = await articleHeaders(models, query.kind)
      const page = headers.slice((query.page - 1) * query.pageSize, query.page * query.pageSize)
      const articles = (await Promise.all(page.map((h) => loadArticle(context, h.kind, h.id)))).filter((a) => a !== null)
      const pushes = await pushesOf(models, articles.map((a) => ({ kind: a.kind, id: a.sourceId })))
      return {
        items: articles.map((a) => presentArticleSource(a, pushes.get(`${a.kind}:${a.sourceId}`) ?? [], officialAccountMode)),
        page: query.page,
        pageSize: query.pageSize,
        total: headers.length,
      }
    },

    async getArticle(_ctx, { params }) {
      const article = await load(params.kind, params.id)
      const pushes = await pushesOf(models, [{ kind: article.kind, id: article.sourceId }])
      return presentArticleSource(article, pushes.get(`${article.kind}:${article.sourceId}`) ?? [], officialAccountMode)
    },

    async downloadArticleHtml(_ctx, { params }) {
      const article = await load(params.kind, params.id)
      return { filename: `图文-${article.title}.html`, body: Buffer.from(articleHtmlDocument(article), 'utf-8') }
    },

    async pushArticle(_ctx, { params, actor }) {
      const article = await load(params.kind, params.id)
      const push = await articlePusher({ models, actor, article, mode: officialAccountMode })
      const record = await models.Outbox.findOne({ key: push.outboxKey }, { status: 1, attempts: 1, lastError: 1 }).lean()
      return presentPush(push, record ?? undefined)
    },
  }
}
