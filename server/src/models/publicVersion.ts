import type { Schema } from 'mongoose'

/**
 * The version stamp behind the public-read cache (http/publicCache.ts; read by db/publicVersion.ts),
 * kept in the documents the public reads themselves, so that it changes in the same single-document
 * update as what it stands for — no transactions needed.
 *
 * Every document of a public collection carries `publicVersion`: how many changes the public could
 * see it has had. An update that changes what the public sees adds `$inc: PUBLIC_CHANGE` to itself; a
 * document inserted already public starts at 1. The collection's stamp is the sum of these counters
 * and the number of documents, read in one aggregation: each public change raises the sum by exactly
 * one, in the same write as the change, whatever order concurrent writers commit in (a counter taken
 * from a sequence and compared by max would miss a writer that took its number first and committed
 * last). So a stamp never comes back once a change has landed, and a cached answer read under the
 * stamp a request reads is that request's own fresh answer.
 *
 * Rules for the write paths:
 * - changes the public cannot see (a draft's edits) do not bump, so a draft can be deleted (the count
 *   changes, the sum does not);
 * - a document the public has seen (publicVersion > 0) is never deleted: it is public record.
 */
export const PUBLIC_CHANGE = { publicVersion: 1 } as const

/** Adds `publicVersion` to a public collection's schema; `isPublic` says whether a new document starts public. */
export function withPublicVersion<T>(schema: Schema, isPublic: (doc: T) => boolean): void {
  schema.add({
    publicVersion: {
      type: Number,
      required: true,
      default(this: T) {
        return isPublic(this) ? 1 : 0
      },
    },
  })
}
