import { loadArticle } from '../articles/article'
import { articlePusher } from '../articles/pushes'
import type { Models } from '../models'

/**
 * Demo of the official account as a channel (第十八条): the newest publicity list's article pushed
 * once, as the office administrator, to the stand-in's draft box — the `outbox.deliver` job delivers
 * it within seconds, so 公众号图文 shows a push with its media_id. Only against the stand-in (a real
 * account's draft box is not for demo data), only on a database without pushes; 0 when nothing was
 * pushed (no list, no administrator yet).
 */
export async function seedDemoArticles(models: Models, { base, miniProgramAppId, now = new Date() }: { base: string; miniProgramAppId?: string; now?: Date }): Promise<number> {
  if ((await models.ArticlePush.estimatedDocumentCount()) > 0) return 0
  const list = await models.Publicity.findOne({}, { _id: 1 }).sort({ publishedAt: -1 }).lean()
  const admin = await models.User.findOne({ roles: 'admin' }, { displayName: 1, roles: 1 }).lean()
  if (!list || !admin) return 0
  const article = await loadArticle({ models, base, ...(miniProgramAppId ? { miniProgramAppId } : {}) }, 'publicity', list._id.toHexString())
  if (!article) return 0
  await articlePusher({
    models,
    actor: { userId: admin._id.toHexString(), displayName: admin.displayName ?? '演示管理员', roles: ['office', 'admin'], organizationIds: [] },
    article,
    mode: 'standin',
    now,
  })
  return 1
}
