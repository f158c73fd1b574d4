/**
 * 公众号图文 (第十八条、第十九条 name the official account as a channel of the lists; 第二十一条's
 * announcements go the same way). No value imports: the page config reads this file.
 */
export const ARTICLES_STRINGS = {
  title: '公众号图文',
  intro:
    '每份公示名单、公布的名单和已发布的移除公告各生成一篇图文（标题、摘要、名单表格、小程序页面链接）。推送只进入公众号草稿箱，由办公室在公众号平台检查后发送；未配置公众号时可下载图文 HTML。',
  kind: '来源',
  empty: '暂无可生成图文的公开内容',
  emptyHint: '发布公示名单、公布名单或发布移除公告后，对应图文会出现在这里。',
  errorTitle: '公众号图文加载失败',
  published: (at: string) => `发布于 ${at}`,
  openSource: '查看页面',
} as const
