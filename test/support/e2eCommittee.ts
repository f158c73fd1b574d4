import mongoose from 'mongoose'
import { DEFAULT_PLEDGE_TEXT } from '@zlbg/shared'
import { hashPassword } from '../../server/src/auth/passwords'
import { committeeSaver } from '../../server/src/commands/committees/committeeSaver'
import type { Models } from '../../server/src/models'
import { loginKey } from '../../server/src/models/user'
import type { Actor } from '../../server/src/policies'
import { expertInput } from './reviewFactories'

/**
 * A call's committee for an e2e walk (第十一条): a chair who signs in with `chairLogin` / `password`
 * and has signed the call's pledge, a vice chair, and one manufacturing group — the people a walk
 * needs when the chair decides something (an objection, a removal) in the browser.
 */
export async function buildE2eCommittee(models: Models, callId: mongoose.Types.ObjectId, { run, chairLogin, password, groupName }: { run: string; chairLogin: string; password: string; groupName: string }) {
  const office: Actor = { displayName: 'e2e', roles: ['office'], organizationIds: [] }
  const experts: Record<string, string> = {}
  for (const [key, name] of [['chair', `主任${run}`], ['vice', `副主任${run}`], ['leader', `组长${run}`], ['member', `组员${run}`]] as const) {
    const user = key === 'chair' ? await models.User.create({ logins: [loginKey.username(chairLogin)], username: chairLogin, displayName: name, passwordHash: await hashPassword(password), roles: ['expert'] }) : undefined
    experts[key] = (await models.Expert.create({ ...expertInput({ name, competent: key === 'chair' || key === 'vice' }), ...(user ? { userId: user._id } : {}) }))._id.toHexString()
  }
  const committee = await committeeSaver({
    models,
    actor: office,
    callId,
    input: { chairId: experts.chair!, viceChairIds: [experts.vice!], groups: [{ name: groupName, sectors: ['manufacturing'], industries: [], leaderId: experts.leader!, memberIds: [experts.member!] }], pledgeText: DEFAULT_PLEDGE_TEXT, reviewersPerApplication: 2, maxPerExpert: 10 },
  })
  const chairUser = (await models.Expert.findById(experts.chair).lean())!.userId!
  await models.Pledge.create({ callId, expertId: new mongoose.Types.ObjectId(experts.chair), userId: chairUser, version: committee.pledgeVersion, acceptedAt: new Date() })
}
