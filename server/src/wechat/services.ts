import type { Logger } from '../logger'
import type { Models } from '../models'
import { createAccessTokenStore, type AccessTokenStore } from './accessToken'
import type { WeChatClient } from './client'
import { createContentSecurity, type ContentSecurity } from './contentSecurity'

/** What the server uses WeChat for, beyond login: one set per process, built from the one client. */
export interface WeChatServices {
  client: WeChatClient
  tokens: AccessTokenStore
  contentSecurity: ContentSecurity
}

export function createWeChatServices({
  client,
  models,
  instanceId,
  logger,
  now,
}: {
  client: WeChatClient
  models: Models
  instanceId: string
  logger: Logger
  now?: () => Date
}): WeChatServices {
  const tokens = createAccessTokenStore({ models, client, instanceId, ...(now ? { now } : {}) })
  return { client, tokens, contentSecurity: createContentSecurity({ client, tokens, logger }) }
}
