import type mongoose from 'mongoose'
import type { Models } from '../models'
import type { UserRecord } from '../models/user'

/**
 * The person a record is for. A WeChat-only account that was later bound into a browser account
 * (`mergedInto`) is followed to that account, which now holds the openid and signs in.
 */
export async function recipientOf(models: Models, userId: mongoose.Types.ObjectId): Promise<UserRecord | null> {
  let user = await models.User.findById(userId).lean()
  for (let hops = 0; user?.mergedInto && hops < 3; hops++) user = await models.User.findById(user.mergedInto).lean()
  return user
}
