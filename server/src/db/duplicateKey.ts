/** A unique index refused the write (E11000): in our idempotent steps, "someone already did it". */
export const isDuplicateKey = (err: unknown): boolean => (err as { code?: number } | null)?.code === 11000
