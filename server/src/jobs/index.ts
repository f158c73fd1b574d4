import type { Models } from '../models'
import type { Logger } from '../logger'
import { DEFAULT_RETRY, type RetryPolicy } from '../outbox/backoff'
import { createDeliveryWorker } from '../outbox/deliver'
import { inAppChannel } from '../outbox/inapp'
import { relayJob } from '../outbox/relay'
import { wechatSubscribeChannel } from '../outbox/wechatSubscribe'
import { officialAccountDraftChannel } from '../outbox/officialAccountDraft'
import type { OfficialAccountServices } from '../wechat/officialAccount'
import type { WeChatServices } from '../wechat/services'
import type { TemplateSettings } from '../wechat/templates'
import type { FileStorage } from '../storage'
import { attachmentPurgeJob } from './attachments'
import { eventReminderJob } from './eventReminders'
import { eventUpkeepJob } from './eventSeats'
import { publicityCloseJob } from './publicityClose'
import { purgeJobs } from './purge'
import { supplementDeadlineJob } from './qualification'
import { retentionJobs } from './retention'
import { scoreReminderJob } from './scoreReminders'
import { similarityCheckJob } from './similarity'
import type { JobDefinition } from './runner'

export interface ServerJobsOptions {
  wechat: Pick<WeChatServices, 'client' | 'tokens'>
  templates: TemplateSettings
  /** Uploaded files' storage: unclaimed uploads are purged from it. */
  storage: FileStorage
  retry?: RetryPolicy
  logger?: Logger
  /** For tests: the backoff's randomness. */
  random?: () => number
  /** The official account's draft API (config.officialAccount); without it, pushes wait (and the office sees them queued). */
  officialAccount?: OfficialAccountServices
}

/**
 * Every scheduled job of the server. Each runs on one instance at a time (its lease) and finds its
 * work in the database, so any instance may run any of them.
 */
export function serverJobs({ wechat, templates, storage, retry = DEFAULT_RETRY, logger, random, officialAccount }: ServerJobsOptions): JobDefinition[] {
  return [
    ...purgeJobs(),
    // 个人信息保护法 第十九条: personal data past its period in the retention table (shared/src/retention.ts).
    ...retentionJobs(),
    attachmentPurgeJob(storage),
    // 第十五条: a supplement request past its deadline goes back to the reviewer.
    supplementDeadlineJob(logger),
    // 第二十一条: similarity checks a submission queued and did not finish.
    similarityCheckJob(),
    // 第十六条, 第十七条: experts reminded before a round's scoring deadline.
    scoreReminderJob(logger),
    // 第十八条: entries pass publicity once the window closed with no open objection; then the list closes.
    publicityCloseJob(logger),
    // 第二十条: exchange events' registration windows closed, seats recounted, registrants reminded the day before.
    eventUpkeepJob(logger),
    eventReminderJob(logger),
    relayJob(logger),
    {
      name: 'outbox.deliver',
      everyMs: 10_000,
      async run({ models, instanceId, now, signal, logger: log }) {
        const worker = createDeliveryWorker({
          models,
          instanceId,
          logger: log,
          now,
          retry,
          ...(random ? { random } : {}),
          channels: {
            inapp: inAppChannel(models),
            wechat_subscribe: wechatSubscribeChannel({ models, wechat, templates }),
            // 第十八条、第十九条: articles to the official account's draft box.
            ...(officialAccount ? { oa_draft: officialAccountDraftChannel({ models, oa: officialAccount }) } : {}),
          },
        })
        const counts = await worker.deliverDue({ signal })
        return Object.entries(counts).map(([status, n]) => `${status} ${n}`).join(', ') || 'nothing due'
      },
    },
    {
      // Ahead of expiry, so requests never wait for a token (wechat/accessToken.ts).
      name: 'wechat.accessToken',
      everyMs: 60_000,
      async run() {
        return wechat.tokens.refreshIfDue()
      },
    },
  ]
}
