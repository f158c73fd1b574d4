import { CallInputSchema } from '@zlbg/shared'
import type { Models } from '../models'
import { DEMO_CALLS } from './demoCalls'

/** Loads the demo calls into an empty database; returns how many it inserted (0 when not empty). */
export async function seedDemoData({ Call }: Models): Promise<number> {
  if ((await Call.estimatedDocumentCount()) > 0) return 0
  const docs = DEMO_CALLS.map(({ input, state, publishedAt }) => {
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
  await Call.insertMany(docs)
  return docs.length
}
