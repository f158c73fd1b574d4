import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { writeBackup } from '../backup'
import { connectDatabase } from '../db/connection'
import { localFolderStorage } from '../storage'
import { withDatabase } from './database'

/**
 * `npm run backup -- [file]`: every collection and every uploaded file of MONGODB_URI's database (or
 * the embedded one) into one file, by default .data/backups/zlbg-<time>.jsonl. FILES_DIR as the server's.
 */
async function main() {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const file = path.resolve(process.argv[2] ?? path.join('.data', 'backups', `zlbg-${stamp}.jsonl`))
  mkdirSync(path.dirname(file), { recursive: true })
  await withDatabase(async (uri) => {
    const db = await connectDatabase(uri)
    try {
      const summary = await writeBackup(db, localFolderStorage(path.resolve(process.env.FILES_DIR ?? '.data/files')), file)
      const documents = Object.values(summary.collections).reduce((a, b) => a + b, 0)
      console.log(`备份完成：${file}`)
      console.log(`  ${Object.keys(summary.collections).length} 个集合，${documents} 条文档，${summary.files} 个上传文件，${(summary.bytes / 1e6).toFixed(1)} MB`)
      for (const [name, n] of Object.entries(summary.collections)) console.log(`  ${name.padEnd(24)} ${n}`)
      if (summary.missingFiles.length) {
        console.warn(`警告：${summary.missingFiles.length} 个附件的文件在存储中不存在，未能备份：${summary.missingFiles.join(', ')}`)
      }
    } finally {
      await db.close()
    }
  })
}

main().catch((err) => {
  console.error(`备份失败：${err instanceof Error ? err.message : err}`)
  process.exit(1)
})
