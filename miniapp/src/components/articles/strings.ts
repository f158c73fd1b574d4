/** The official account's article actions (第十八条、第十九条): push to the draft box, download the HTML, the pushes so far. */
export const ARTICLE_STRINGS = {
  title: '公众号图文',
  push: '推送到公众号草稿箱',
  pushing: '推送中…',
  download: '下载图文 HTML',
  refresh: '刷新推送状态',
  confirmTitle: '推送到公众号草稿箱',
  confirmText: (title: string) =>
    `将图文「${title}」推送到质量标杆公众号的草稿箱。推送只生成草稿，不会群发；请在公众号平台检查后由办公室发送。`,
  confirm: '确认推送',
  queued: '已加入推送队列，稍后刷新查看结果',
  standin: '当前连接的是本地微信模拟服务，草稿不会进入真实公众号。',
  off: '未配置公众号（OA_APPID/OA_SECRET），无法直接推送；请下载图文 HTML，在公众号平台新建图文后粘贴。',
  desktopOnly: '图文 HTML 请在电脑浏览器的办公室工作台下载。',
  history: '推送记录',
  noPushes: '尚未推送',
  requestedBy: (name: string, at: string) => `${name} · ${at}`,
  attempts: (n: number) => `已尝试 ${n} 次`,
  mediaId: (id: string) => `草稿 media_id：${id}`,
  loadFailed: '推送记录加载失败',
  retry: '重试',
} as const
