import { staff, type Rules } from './define'

export const ARTICLE_RULES: Rules = {
  // 第五条、第十八条、第十九条、第二十一条: the feed carries only what is already public.
  'feed.read': { who: 'everyone' },
  // The official account's articles and pushes are the office's (sending stays theirs, on the platform).
  'article.manage': { who: staff },
}
