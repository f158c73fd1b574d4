import { setTimeout as sleep } from 'node:timers/promises'
import { releaseLease, takeLease } from '../jobs/lease'
import type { Models } from '../models'
import type { WeChatTokenRecord } from '../models/wechatToken'
import { WeChatError, type WeChatClient } from './client'

/**
 * The app's access_token, shared by every server instance through the database (models/wechatToken.ts).
 * Exactly one instance fetches a new one, under a lease; the others read the cached token, or wait for
 * the fetch when they have none left. The scheduled job `wechat.accessToken` refreshes it ahead of
 * expiry, so requests normally never wait.
 */
export interface AccessTokenStore {
  /** A token that works now: the cached one, or a new one fetched under the lease. */
  get(): Promise<string>
  /** Fetches a new token when the cached one is missing or due for refresh (the job's work). */
  refreshIfDue(): Promise<'fresh' | 'refreshed' | 'busy'>
  /** Forgets `token` after WeChat called it invalid, unless another instance already replaced it. */
  invalidate(token: string): Promise<void>
  /**
   * Calls WeChat with a token; when WeChat answers that the token is invalid or expired (40001,
   * 42001), forgets it and tries once more with a new one.
   */
  withToken<T>(call: (token: string) => Promise<T>): Promise<T>
}

export interface AccessTokenOptions {
  models: Models
  client: WeChatClient
  instanceId: string
  now?: () => Date
  /** Refreshed this long before it expires (WeChat's tokens live 7,200 s). */
  refreshMarginMs?: number
  /** The fetch lease: longer than a WeChat call can take. */
  leaseMs?: number
  /** How often an instance without a token looks whether the holder's fetch has landed. */
  pollMs?: number
}

export function createAccessTokenStore({
  models,
  client,
  instanceId,
  now = () => new Date(),
  refreshMarginMs = 5 * 60_000,
  leaseMs = 30_000,
  pollMs = 100,
}: AccessTokenOptions): AccessTokenStore {
  const { WeChatToken } = models
  const appId = client.appId
  const leaseName = `wechat.accessToken:${appId}`

  const cached = () => WeChatToken.findById(appId).lean()
  /** Still accepted by WeChat. */
  const usable = (doc: WeChatTokenRecord | null): doc is WeChatTokenRecord => !!doc && doc.expiresAt > now()
  /** Usable and not yet due for refresh. */
  const fresh = (doc: WeChatTokenRecord | null): boolean => !!doc && doc.expiresAt.getTime() - refreshMarginMs > now().getTime()

  /**
   * Fetches and stores a new token under the lease; null when another instance holds the lease. The
   * lease is per instance (its holder may re-enter), so calls within this process share one fetch.
   */
  let inflight: Promise<WeChatTokenRecord | null> | undefined
  function refresh(): Promise<WeChatTokenRecord | null> {
    inflight ??= fetchUnderLease().finally(() => (inflight = undefined))
    return inflight
  }

  async function fetchUnderLease(): Promise<WeChatTokenRecord | null> {
    const lease = await takeLease(models, { name: leaseName, holder: instanceId, now: now(), leaseMs })
    if (!lease) return null
    try {
      // Another instance may have stored a new token between our read and our lease.
      const current = await cached()
      if (current && fresh(current)) return current
      const { accessToken, expiresInSeconds } = await client.getAccessToken()
      const fetchedAt = now()
      return await WeChatToken.findOneAndUpdate(
        { _id: appId },
        { $set: { accessToken, expiresAt: new Date(fetchedAt.getTime() + expiresInSeconds * 1000), fetchedAt, fetchedBy: instanceId } },
        { upsert: true, new: true },
      ).lean()
    } finally {
      await releaseLease(models, { name: leaseName, holder: instanceId, availableAt: now() })
    }
  }

  /**
   * The last fresh token this instance saw, used without a database read until it is due for refresh
   * (every content check of an objection burst would otherwise read it). Another instance's refresh
   * leaves it working until then; a token WeChat retires is forgotten here too (invalidate).
   */
  let remembered: WeChatTokenRecord | undefined
  /** Counts invalidations: a read that began before one must not bring the retired token back. */
  let invalidations = 0
  const remember = (doc: WeChatTokenRecord | null, since: number) => {
    if (doc && fresh(doc) && since === invalidations) remembered = doc
    return doc
  }

  async function get(): Promise<string> {
    if (remembered && fresh(remembered)) return remembered.accessToken
    const since = invalidations
    const doc = remember(await cached(), since)
    if (doc && fresh(doc)) return doc.accessToken
    let mine: WeChatTokenRecord | null
    try {
      mine = remember(await refresh(), since)
    } catch (err) {
      // WeChat is down but the old token still works: use it, the job tries again later.
      if (usable(doc)) return doc.accessToken
      throw err
    }
    if (mine) return mine.accessToken
    // Another instance is fetching. A token that still works will do meanwhile; otherwise wait for
    // theirs — or take over if their fetch failed (the lease is free again) or they died (it expired).
    if (usable(doc)) return doc.accessToken
    for (let i = 0; i < Math.ceil(leaseMs / pollMs); i++) {
      await sleep(pollMs)
      const theirs = await cached()
      if (usable(theirs)) return theirs.accessToken
      mine = await refresh()
      if (mine) return mine.accessToken
    }
    throw new WeChatError('/cgi-bin/token', null, 'no access token: another instance is still fetching it')
  }

  async function invalidate(token: string) {
    invalidations++
    if (remembered?.accessToken === token) remembered = undefined
    await WeChatToken.updateOne({ _id: appId, accessToken: token }, { $set: { expiresAt: new Date(0) } })
  }

  return {
    get,
    invalidate,
    async refreshIfDue() {
      if (fresh(await cached())) return 'fresh'
      return (await refresh()) ? 'refreshed' : 'busy'
    },
    async withToken(call) {
      const token = await get()
      try {
        return await call(token)
      } catch (err) {
        if (!(err instanceof WeChatError && err.kind === 'token_invalid')) throw err
        await invalidate(token)
        return call(await get())
      }
    },
  }
}
