import { CallInputSchema } from '@zlbg/shared'
import { publicChange } from '../db/publicVersion'
import type { Models } from '../models'
import { demoCalls } from './demoCalls'

/** Loads the demo calls, dated around `now`, into an empty database; returns how many it inserted (0 when not empty). */
export async function seedDemoData({ Call }: Models, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  if ((await Call.estimatedDocumentCount()) > 0) return 0
  const docs = demoCalls(now).map(({ input, state, publishedAt }) => {
    const call = CallInputSchema.parse(input)
    return {
      ...call,
      schedule: call.schedule.map((m) => ({
        ...m,
        startsAt: new Date(m.startsAt),
        ...(m.endsAt ? { endsAt: new Date(m.endsAt) } : {}),
      })),
      state,
      ...(publishedAt ? { publishedAt: new Date(publishedAt) } : {}),
      ...(state === 'closed' ? { closedAt: new Date(call.schedule.at(-1)!.startsAt) } : {}),
    }
  })
  // A server may be answering public reads already (npm start seeds once it listens).
  await publicChange(Call.db, 'calls', () => Call.insertMany(docs))
  return docs.length
}
