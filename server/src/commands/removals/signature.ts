import mongoose from 'mongoose'
import type { Signature } from '../../models/listing'
import type { Actor } from '../../policies'

/** Who signs a step of a removal (第二十一条), by the name they bear now, with an optional note or reason. */
export function signatureOf(actor: Actor, at: Date, note?: string): Signature {
  if (!actor.userId) throw new Error('a removal step needs a signed-in person')
  return { by: new mongoose.Types.ObjectId(actor.userId), name: actor.displayName?.trim() || '（未留姓名）', at, ...(note ? { note } : {}) }
}
