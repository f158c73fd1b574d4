import { startEmbeddedMongo } from '../../scripts/db'

/** One in-memory engine for the whole API run; each test file uses its own database in it. */
export default async function globalSetup() {
  if (process.env.MONGODB_URI) return
  const mongo = await startEmbeddedMongo({ backend: 'memory' })
  ;(globalThis as { __mongo?: unknown }).__mongo = mongo
  process.env.ZLBG_TEST_MONGO_PORT = String(mongo.port)
}
