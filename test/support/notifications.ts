import { serverJobs } from '../../server/src/jobs'
import { createJobRunner, type JobDefinition, type JobRunner } from '../../server/src/jobs/runner'
import { createLogger } from '../../server/src/logger'
import type { Models } from '../../server/src/models'
import { DEFAULT_RETRY, type RetryPolicy } from '../../server/src/outbox/backoff'
import { createDeliveryWorker, type DeliveryWorker } from '../../server/src/outbox/deliver'
import { inAppChannel } from '../../server/src/outbox/inapp'
import { wechatSubscribeChannel } from '../../server/src/outbox/wechatSubscribe'
import { createWeChatClient } from '../../server/src/wechat/client'
import { STANDIN_APP_ID, STANDIN_SECRET } from '../../server/src/wechat/config'
import { createWeChatServices, type WeChatServices } from '../../server/src/wechat/services'
import type { WeChatStandIn } from '../../server/src/wechat/standin'
import { STANDIN_TEMPLATES } from '../../server/src/wechat/templates'
import type { TestServer } from './server'

export const silent = createLogger('silent')

/** A clock tests move by hand: jobs, leases, backoff and tokens read it instead of the wall clock. */
export interface TestClock {
  now: () => Date
  advance(ms: number): Date
}

export function testClock(start: Date = new Date()): TestClock {
  let t = start.getTime()
  return {
    now: () => new Date(t),
    advance(ms) {
      t += ms
      return new Date(t)
    },
  }
}

/** The WeChat services an instance would build, against a stand-in (the server's own by default). */
export function wechatServicesFor(
  t: { db: { models: Models }; wechat: WeChatStandIn },
  { instanceId, now, standin = t.wechat }: { instanceId: string; now?: () => Date; standin?: WeChatStandIn },
): WeChatServices {
  const client = createWeChatClient({ baseUrl: standin.baseUrl, appId: STANDIN_APP_ID, secret: STANDIN_SECRET, timeoutMs: 2000 })
  return createWeChatServices({ client, models: t.db.models, instanceId, logger: silent, ...(now ? { now } : {}) })
}

/** A delivery worker as the `outbox.deliver` job builds it, with both channels. */
export function deliveryWorkerFor(
  t: TestServer,
  {
    instanceId,
    clock,
    retry = DEFAULT_RETRY,
    random = () => 0.5,
    claimMs,
    standin,
  }: { instanceId: string; clock: TestClock; retry?: RetryPolicy; random?: () => number; claimMs?: number; standin?: WeChatStandIn },
): DeliveryWorker {
  const wechat = wechatServicesFor(t, { instanceId, now: clock.now, ...(standin ? { standin } : {}) })
  return createDeliveryWorker({
    models: t.db.models,
    instanceId,
    logger: silent,
    now: clock.now,
    retry,
    random,
    ...(claimMs ? { claimMs } : {}),
    channels: {
      inapp: inAppChannel(t.db.models),
      wechat_subscribe: wechatSubscribeChannel({ models: t.db.models, wechat, templates: STANDIN_TEMPLATES }),
    },
  })
}

/** A job runner with every server job (plus `extra`), as runServer starts it, on a test clock. */
export function jobRunnerFor(
  t: TestServer,
  {
    instanceId,
    clock,
    extra = [],
    standin,
    tickMs,
  }: { instanceId: string; clock: TestClock; extra?: JobDefinition[]; standin?: WeChatStandIn; tickMs?: number },
): JobRunner {
  const wechat = wechatServicesFor(t, { instanceId, now: clock.now, ...(standin ? { standin } : {}) })
  return createJobRunner({
    models: t.db.models,
    instanceId,
    logger: silent,
    now: clock.now,
    ...(tickMs ? { tickMs } : {}),
    jobs: [
      ...serverJobs({ wechat, templates: STANDIN_TEMPLATES, storage: t.storage, random: () => 0.5 }),
      ...extra,
    ],
  })
}
