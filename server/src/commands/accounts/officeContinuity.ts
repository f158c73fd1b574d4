import type { AccountRole } from '@zlbg/shared'
import { AppError } from '../../http/errors'
import type { Models } from '../../models'
import type { UserRecord } from '../../models/user'
import type { Actor } from '../../policies'

/**
 * The office must never lock itself out (issue 12, item 6): a schemathesis run once took the admin
 * and office roles away from the only administrator — itself — and nobody could administer accounts
 * until someone with shell access ran the admin CLI.
 *
 *  - nobody removes their own admin role: another administrator must;
 *  - the last active administrator keeps the admin role and cannot be disabled;
 *  - the same for the last active office account and the office role.
 *
 * Without transactions two administrators demoting each other at once could both pass the count, so
 * the change is checked again after it is written (`confirmOfficeContinuity`) and undone if it left
 * nobody.
 */
const GUARDED = [
  { role: 'admin', code: 'LAST_ADMINISTRATOR' },
  { role: 'office', code: 'LAST_OFFICE_ACCOUNT' },
] as const satisfies readonly { role: AccountRole; code: string }[]

export type AccountChange = { kind: 'setRoles'; roles: readonly AccountRole[] } | { kind: 'disable' }

/** The guarded roles `target` holds and would no longer hold, active, after the change. */
function rolesLost(target: Pick<UserRecord, 'roles' | 'disabled'>, change: AccountChange) {
  if (target.disabled) return []
  return GUARDED.filter(({ role }) => target.roles.includes(role) && (change.kind === 'disable' || !change.roles.includes(role)))
}

const activeHolders = (models: Models, role: AccountRole) =>
  models.User.countDocuments({ roles: role, disabled: { $ne: true }, mergedInto: { $exists: false } })

/** Refuses a role change or disabling that would leave the office without an administrator or office account. */
export async function assertOfficeContinuity(models: Models, actor: Actor, target: UserRecord, change: AccountChange): Promise<void> {
  const lost = rolesLost(target, change)
  if (change.kind === 'setRoles' && target._id.toHexString() === actor.userId && lost.some((g) => g.role === 'admin')) {
    throw new AppError('OWN_ADMIN_ROLE')
  }
  for (const { role, code } of lost) {
    if ((await activeHolders(models, role)) <= 1) throw new AppError(code)
  }
}

/**
 * After the change is written: if a concurrent change left nobody holding a guarded role, put the
 * target back as it was and refuse. Returns nothing when all is well.
 */
export async function confirmOfficeContinuity(models: Models, before: UserRecord, change: AccountChange): Promise<void> {
  for (const { role, code } of rolesLost(before, change)) {
    if ((await activeHolders(models, role)) === 0) {
      await models.User.updateOne(
        { _id: before._id },
        { $set: { roles: before.roles, disabled: before.disabled ?? false }, ...(before.disabledReason ? {} : { $unset: { disabledReason: 1 } }) },
      )
      throw new AppError(code)
    }
  }
}
