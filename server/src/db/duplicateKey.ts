/** A unique index refused the write (E11000): in our idempotent steps, "someone already did it". */
export const isDuplicateKey = (err: unknown): boolean => (err as { code?: number } | null)?.code === 11000

/**
 * Runs an upsert, and once more if it lost a race to insert: two upserts of the same new key both try
 * the insert, the unique index refuses one (E11000), and its second run matches the document the
 * other inserted. MongoDB retries some such upserts itself; the embedded engine never does.
 */
export async function upsertRacing<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert()
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    return upsert()
  }
}
