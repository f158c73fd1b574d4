/**
 * Absolute links to the H5 pages, built from PUBLIC_BASE_URL (config.ts): a feed item or an article
 * is read on another site or in WeChat, where a relative link leads nowhere. The H5 build uses the
 * hash router (`/#/pages/…`), so the page and its query ride after the `#`.
 */
export function h5PageUrl(base: string, page: string, query: Record<string, string | number> = {}): string {
  const q = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString()
  return `${base.replace(/\/+$/, '')}/#${page}${q ? `?${q}` : ''}`
}

/** Text made safe to put in HTML (element content and double-quoted attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}
