/**
 * At most `limit` of one kind of write in flight per instance; the rest wait in memory, in arrival
 * order, before touching the database. A burst (the last evening of a publicity window, an event
 * opening its registration) then queues here instead of in the database, where every public read of
 * the same instance would wait behind it (bench/objections.ts, bench/registrations.ts measure both).
 */
export function admission(limit: number) {
  let active = 0
  const waiting: (() => void)[] = []
  return async function admitted<T>(work: () => Promise<T>): Promise<T> {
    // A finished one hands its slot straight to the next waiting one, so no newcomer slips in between.
    if (active < limit) active++
    else await new Promise<void>((resolve) => waiting.push(resolve))
    try {
      return await work()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else active--
    }
  }
}
