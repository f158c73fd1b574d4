import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { REPO_ROOT as ROOT, startEmbeddedMongo } from '../../../scripts/db'

/** Written by `npm start` while it runs, so a command-line tool can reach the same database. */
export const RUNNING_DB_FILE = path.join(ROOT, '.data', 'db.uri')
const H2_FILE = path.join(ROOT, '.data', 'zlbg.mv')

/**
 * Runs `work` against MONGODB_URI, else the embedded database `npm start` is running, else the
 * embedded database file opened just for this command.
 */
export async function withDatabase(work: (uri: string) => Promise<void>): Promise<void> {
  if (process.env.MONGODB_URI) return work(process.env.MONGODB_URI)
  // The production image has no Java engine and no .data folder: without MONGODB_URI it is a mistake.
  if (process.env.NODE_ENV === 'production') throw new Error('请设置 MONGODB_URI（生产环境不使用内嵌数据库）')
  if (existsSync(RUNNING_DB_FILE)) {
    const uri = readFileSync(RUNNING_DB_FILE, 'utf8').trim()
    const port = Number(new URL(uri).port)
    if (await reachable(port)) return work(uri)
  }
  const db = await startEmbeddedMongo({ backend: 'h2', file: H2_FILE })
  try {
    await work(db.uri('zlbg'))
  } finally {
    await db.stop()
  }
}

async function reachable(port: number): Promise<boolean> {
  const net = await import('node:net')
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.end()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}
