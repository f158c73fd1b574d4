import { upsertRacing } from './duplicateKey'
import type { Models } from '../models'

/**
 * The next value of the named counter (`sequences`, one document per name): one atomic increment, so
 * two callers never get the same number. Receipt numbers and announcement numbers are drawn here.
 */
export async function nextInSequence(models: Pick<Models, 'Sequence'>, name: string): Promise<number> {
  // A counter's first two numbers drawn at once: both upserts insert, one loses on the _id; its retry increments.
  return (await upsertRacing(() => models.Sequence.findOneAndUpdate({ _id: name }, { $inc: { value: 1 } }, { upsert: true, new: true }).lean()))!.value
}
