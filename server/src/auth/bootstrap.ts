import type { CreateUser, OneTimeCodeResponse } from '@zlbg/shared'
import { recordAudit } from '../audit/recorder'
import { isDuplicateKey } from '../db/duplicateKey'
import { AppError } from '../http/errors'
import type { Models } from '../models'
import { loginKey } from '../models/user'
import { issueCode } from './codes'

/**
 * The first office administrator, made from the command line (or the demo seed): an account with
 * the office and admin roles and an invite code with which the person sets their own password.
 */
export async function createFirstAdmin(
  models: Models,
  input: Pick<CreateUser, 'username' | 'displayName' | 'email'>,
  by: string,
): Promise<OneTimeCodeResponse> {
  let user
  try {
    user = await models.User.create({
      logins: [loginKey.username(input.username), ...(input.email ? [loginKey.email(input.email)] : [])],
      username: input.username,
      displayName: input.displayName,
      ...(input.email ? { email: input.email } : {}),
      roles: ['office', 'admin'],
    })
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('USERNAME_TAKEN', { message: '用户名或邮箱已被使用' })
    throw err
  }
  await recordAudit(models, { roles: ['system'], organizationIds: [], displayName: by }, {
    action: 'user.create',
    resource: { type: 'user', id: user._id.toHexString() },
    to: 'office,admin',
  })
  return issueCode(models, 'account_invite', user._id)
}
