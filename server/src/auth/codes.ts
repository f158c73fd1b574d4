import type mongoose from 'mongoose'
import { BIND_CODE_PREFIX, type OneTimeCodeResponse } from '@zlbg/shared'
import type { Models } from '../models'
import type { CodePurpose, OneTimeCodeRecord } from '../models/oneTimeCode'
import { hashSecret, newOneTimeCode } from './secrets'

export const CODE_TTL_HOURS: Record<CodePurpose, number> = {
  account_invite: 7 * 24,
  organization_invite: 7 * 24,
  bind: 0.25,
}

/** Issues a code; with `replacePrevious`, the owner's earlier unused codes of that purpose stop working. */
export async function issueCode(
  models: Models,
  purpose: CodePurpose,
  userId: mongoose.Types.ObjectId,
  options: { organizationId?: mongoose.Types.ObjectId; replacePrevious?: boolean } = {},
): Promise<OneTimeCodeResponse> {
  const now = new Date()
  if (options.replacePrevious) {
    await models.OneTimeCode.updateMany({ userId, purpose, usedAt: null }, { $set: { usedAt: now } })
  }
  // Bind codes carry a prefix so they cannot pass for an invite code (BindCodeSchema).
  const code = (purpose === 'bind' ? BIND_CODE_PREFIX : '') + newOneTimeCode()
  const expiresAt = new Date(now.getTime() + CODE_TTL_HOURS[purpose] * 3600_000)
  await models.OneTimeCode.create({
    codeHash: hashSecret(code),
    purpose,
    userId,
    ...(options.organizationId ? { organizationId: options.organizationId } : {}),
    createdAt: now,
    expiresAt,
  })
  return { code, expiresAt: expiresAt.toISOString() }
}

/** Finds a live code without using it up. */
export function peekCode(models: Models, purpose: CodePurpose, code: string) {
  return models.OneTimeCode.findOne({ codeHash: hashSecret(code), purpose, usedAt: null, expiresAt: { $gt: new Date() } }).lean()
}

/** Uses a code up: one conditional update, so two people racing with one code cannot both succeed. */
export function redeemCode(
  models: Models,
  purpose: CodePurpose,
  code: string,
  usedBy: mongoose.Types.ObjectId,
): Promise<OneTimeCodeRecord | null> {
  const now = new Date()
  return models.OneTimeCode.findOneAndUpdate(
    { codeHash: hashSecret(code), purpose, usedAt: null, expiresAt: { $gt: now } },
    { $set: { usedAt: now, usedBy } },
    { new: true },
  ).lean()
}
