import type mongoose from 'mongoose'
import type { Models } from '../../models'
import type { Notice } from '../../outbox/enqueue'

/** The expert workbench's first page (miniapp/src/pagePaths.ts, subpackages/expert). */
export const EXPERT_HOME_LINK = '/subpackages/expert/index'

/** Notices to pool entries, by their linked accounts (an expert without an account is told by the office). */
export async function noticesToExperts(
  models: Models,
  expertIds: readonly (mongoose.Types.ObjectId | string)[],
  content: (name: string) => Omit<Notice, 'recipientUserId'>,
): Promise<Notice[]> {
  if (!expertIds.length) return []
  const experts = await models.Expert.find({ _id: { $in: expertIds }, userId: { $exists: true } }, { userId: 1, name: 1 }).lean()
  return experts.map((e) => ({ ...content(e.name), recipientUserId: e.userId! }))
}
