import { connectDatabase } from '../db/connection'
import { seedDemoData } from '../seed/seed'

/** `npm run seed` with MONGODB_URI set: loads demo data into an empty database. */
async function main() {
  const uri = process.env.MONGODB_URI
  if (!uri) {
    console.error('请设置 MONGODB_URI（npm start 会自动启动内嵌数据库并导入演示数据）')
    process.exit(2)
  }
  const db = await connectDatabase(uri)
  const n = await seedDemoData(db.models)
  console.log(n > 0 ? `已导入 ${n} 条演示征集通知` : '数据库非空，未导入演示数据')
  await db.close()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
