import type { EmbeddedMongo } from '../../scripts/db'

export default async function globalTeardown() {
  await (globalThis as { __mongo?: EmbeddedMongo }).__mongo?.stop()
}
