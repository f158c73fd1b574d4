import type mongoose from 'mongoose'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { CommitteeRecord } from '../../models/committee'
import type { Actor } from '../../policies'
import { committeeTransition } from '../../workflow/committee'
import { committeeExpertIds } from './callData'
import { EXPERT_HOME_LINK, noticesToExperts } from './reviewNotices'
import { currentCommittee } from './assignmentRunner'

/**
 * Starts review (第十六条): the assignments reach the experts, and everyone on the committee is told
 * to sign the pledge and open their list — in the same update as the state change.
 */
export async function reviewStarter({ models, actor, callId, logger, now = new Date() }: { models: Models; actor: Actor; callId: mongoose.Types.ObjectId; logger?: Logger; now?: Date }): Promise<CommitteeRecord> {
  const committee = await currentCommittee(models, callId)
  const call = await models.Call.findById(callId, { title: 1 }).lean()
  const done = await committeeTransition({
    models,
    id: committee._id,
    event: 'startReview',
    actor,
    now,
    ...(logger ? { logger } : {}),
    effects: {
      notifyReviewers: ({ doc }) =>
        noticesToExperts(models, committeeExpertIds(doc), () => ({
          kind: 'committee.reviewStarted',
          content: {
            title: call?.title ?? '评审启动',
            body: `《${call?.title ?? ''}》评审已启动：请先签署保密与回避承诺书，再查看分配给您的申报${doc.reviewDeadline ? `，截止 ${doc.reviewDeadline}` : ''}。`,
            link: EXPERT_HOME_LINK,
            status: '评审中',
          },
        })),
    },
  })
  return done.doc
}
