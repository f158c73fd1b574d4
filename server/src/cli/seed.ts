import { connectDatabase } from '../db/connection'
import { seedDemoData } from '../seed/seed'
import { withDatabase } from './database'

/** `npm run seed`: loads the demo calls into an empty database (MONGODB_URI, or the embedded one). */
async function main() {
  await withDatabase(async (uri) => {
    const db = await connectDatabase(uri)
    try {
      const n = await seedDemoData(db.models)
      console.log(n > 0 ? `已导入 ${n} 条演示征集通知` : '数据库非空，未导入演示数据')
    } finally {
      await db.close()
    }
  })
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
