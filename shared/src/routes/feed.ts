import { z } from 'zod'
import { FeedSchema } from '../feed'
import { ATOM, route } from './define'

/** The one public feed (征集通知、更正、公示、名单、公告) for the association's website to mirror. */
export const FEED_ROUTES = {
  feedJson: route({
    method: 'get',
    path: '/api/feed.json',
    summary: '订阅源（JSON Feed 1.1）：征集通知、更正、公示名单、公布的名单、移除公告，最新在前，链接为 H5 页面的绝对地址',
    tag: 'feed',
    action: 'feed.read',
    response: FeedSchema,
  }),
  feedAtom: route({
    method: 'get',
    path: '/api/feed.atom',
    summary: '订阅源（Atom 1.0），与 JSON Feed 内容相同',
    tag: 'feed',
    action: 'feed.read',
    response: z.string(),
    text: { contentType: ATOM },
  }),
} as const
