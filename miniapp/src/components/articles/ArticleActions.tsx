import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatDateTime, type ArticleSourceKind } from '@zlbg/shared'
import { showApiError } from '../../api/client'
import { toApiError } from '../../api/errors'
import { downloadArticleHtml, fetchArticle, pushArticle, type ArticlePush, type ArticleSource } from '../../api/officeArticles'
import { useLoaded } from '../../hooks/useLoaded'
import { THEME } from '../../theme'
import { Button, Tag } from '../../ui/nutui'
import { useConfirm } from '../ConfirmDialog'
import { ARTICLE_STRINGS as S } from './strings'
import './ArticleActions.css'

const TAG_STYLE: Record<ArticlePush['state'], { type?: 'primary' | 'success' | 'danger'; background?: string; color?: string }> = {
  queued: { background: THEME.mutedBackground, color: THEME.textTertiary },
  retrying: { background: THEME.mutedBackground, color: THEME.warning },
  pushed: { type: 'success' },
  failed: { type: 'danger' },
}

function PushRow({ push }: { push: ArticlePush }) {
  return (
    <View className={`article-push article-push--${push.state}`}>
      <View className="article-push-head">
        <Tag className="zlbg-tag article-push-state" {...TAG_STYLE[push.state]}>
          {push.stateLabel}
        </Tag>
        <Text className="article-push-by">{S.requestedBy(push.requestedByName, formatDateTime(push.requestedAt))}</Text>
        {push.attempts > 1 ? <Text className="article-push-attempts">{S.attempts(push.attempts)}</Text> : null}
      </View>
      {push.mediaId ? <Text className="article-push-media">{S.mediaId(push.mediaId)}</Text> : null}
      {push.lastError ? <Text className="article-push-error">{push.lastError}</Text> : null}
    </View>
  )
}

/**
 * 推送到公众号草稿箱 / 下载图文 HTML for one public record (第十八条、第十九条 name the official account
 * as a channel), with a confirmation before the push and the pushes so far. Without an official
 * account (no OA_APPID outside the stand-in) the push button is replaced by the download and a note.
 * Placed on the office pages of each source (publicity lists, published lists, announcements) and on
 * the 公众号图文 page. Test hooks: `.article-actions`, `.article-push-button`, `.article-download-button`,
 * `.article-push` rows with `.article-push--<state>`.
 */
export function ArticleActions({ kind, sourceId, initial }: { kind: ArticleSourceKind; sourceId: string; initial?: ArticleSource }) {
  const loaded = useLoaded<ArticleSource>(() => fetchArticle(kind, sourceId), `${kind}:${sourceId}`)
  const source = loaded.data ?? initial ?? null
  const [dialog, confirm] = useConfirm()
  const [pushing, setPushing] = useState(false)

  const push = useCallback(() => {
    if (!source) return
    confirm({
      title: S.confirmTitle,
      content: S.confirmText(source.title),
      confirmText: S.confirm,
      onConfirm: async () => {
        setPushing(true)
        try {
          await pushArticle(kind, sourceId)
          void Taro.showToast({ title: S.queued, icon: 'none', duration: 2500 })
        } catch (e) {
          showApiError(toApiError(e))
        } finally {
          setPushing(false)
          // A refusal (already in progress) shows the push that is running.
          await loaded.refresh()
        }
      },
    })
  }, [confirm, kind, loaded, source, sourceId])

  const h5 = process.env.TARO_ENV === 'h5'
  const oa = source?.officialAccount
  return (
    <View className={`article-actions article-actions--${kind}`}>
      <Text className="article-actions-title">{S.title}</Text>
      <View className="article-actions-buttons">
        {oa?.pushAvailable ? (
          <Button className="article-push-button" size="small" type="primary" loading={pushing} disabled={pushing || !source} onClick={push}>
            {pushing ? S.pushing : S.push}
          </Button>
        ) : null}
        {h5 ? (
          <Button className="article-download-button" size="small" fill="outline" onClick={() => void downloadArticleHtml(kind, sourceId).catch(() => undefined)}>
            {S.download}
          </Button>
        ) : null}
        {source && source.pushes.length > 0 ? (
          <Button className="article-refresh-button" size="small" fill="none" onClick={() => void loaded.refresh()}>
            {S.refresh}
          </Button>
        ) : null}
      </View>
      {oa && !oa.pushAvailable ? <Text className="article-actions-note article-actions-off">{S.off}</Text> : null}
      {oa?.mode === 'standin' ? <Text className="article-actions-note article-actions-standin">{S.standin}</Text> : null}
      {!h5 ? <Text className="article-actions-note">{S.desktopOnly}</Text> : null}
      {loaded.status === 'error' && !source ? (
        <View className="article-actions-error">
          <Text className="article-actions-note">{S.loadFailed}</Text>
          <Button size="small" fill="none" onClick={() => void loaded.reload()}>
            {S.retry}
          </Button>
        </View>
      ) : null}
      {source ? (
        <View className="article-pushes">
          <Text className="article-actions-note">{source.pushes.length > 0 ? S.history : S.noPushes}</Text>
          {source.pushes.map((p) => (
            <PushRow key={p.id} push={p} />
          ))}
        </View>
      ) : null}
      {dialog}
    </View>
  )
}
