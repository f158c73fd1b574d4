import path from 'node:path'
import { BackupError, restoreBackup, verifyBackup } from '../backup'
import { connectDatabase } from '../db/connection'
import { MIGRATIONS } from '../migrations'
import { localFolderStorage } from '../storage'
import { withDatabase } from './database'

/**
 * `npm run restore -- <file> [--replace]` (stop every server first), or `--check` to only verify a
 * file. The file is checked completely before anything is written.
 */
async function main() {
  const args = process.argv.slice(2)
  const file = args.find((a) => !a.startsWith('--'))
  if (!file) throw new BackupError('用法：npm run restore -- <备份文件> [--replace | --check]')
  if (args.includes('--check')) {
    const v = await verifyBackup(path.resolve(file))
    console.log(`备份文件完好：${Object.keys(v.collections).length} 个集合，${v.files} 个上传文件，创建于 ${v.header.createdAt}`)
    return
  }
  await withDatabase(async (uri) => {
    const db = await connectDatabase(uri)
    try {
      const v = await restoreBackup(db, localFolderStorage(path.resolve(process.env.FILES_DIR ?? '.data/files')), path.resolve(file), {
        replace: args.includes('--replace'),
        knownMigrations: MIGRATIONS.map((m) => m.id),
      })
      const documents = Object.values(v.collections).reduce((a, b) => a + b, 0)
      console.log(`恢复完成：${documents} 条文档，${v.files} 个上传文件（备份创建于 ${v.header.createdAt}）`)
      if (v.missingFiles.length) console.warn(`注意：备份时已缺失的文件未能恢复：${v.missingFiles.join(', ')}`)
    } finally {
      await db.close()
    }
  })
}

main().catch((err) => {
  console.error(`恢复失败：${err instanceof Error ? err.message : err}`)
  process.exit(1)
})
