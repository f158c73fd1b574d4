import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'

/**
 * The repository's root: the folder above this file, or above dist/server where build:server bundles
 * this file into the backup and restore tools (__dirname is then the bundle's folder).
 */
export const REPO_ROOT = findRoot(__dirname)
const ROOT = REPO_ROOT
const LIB = path.join(ROOT, 'db', 'lib')
const LAUNCHER = path.join(ROOT, 'db', 'EmbeddedMongo.java')
const CLASS = path.join(LIB, 'classes', 'EmbeddedMongo.class')

function findRoot(from: string): string {
  for (let dir = from; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'db', 'EmbeddedMongo.java'))) return dir
  }
  return path.resolve(from, '..')
}

/**
 * `uri` (a real MongoDB, from MONGODB_URI) with its database replaced by `name`: the tests and the
 * bench each work in a database of their own there, and drop it afterwards.
 */
export function databaseIn(uri: string, name: string): string {
  const url = new URL(uri)
  url.pathname = `/${name}`
  return url.toString()
}

export interface EmbeddedMongo {
  port: number
  /** The engine's process id (the crash test SIGKILLs it). */
  pid: number
  /** Connection string for database `name`, with the options the embedded engine needs. */
  uri(name: string): string
  stop(): Promise<void>
}

export interface EmbeddedMongoOptions {
  /** 'memory' for tests; 'h2' keeps data in `file` across restarts. */
  backend: 'memory' | 'h2'
  file?: string
  /**
   * h2 only. 'commit' (default): every write is in the file before it is acknowledged, so a killed
   * process loses nothing it confirmed. 'fsync': also forced to the device, so a power cut loses
   * nothing either, at a price `npm run bench:durability` prints. 'delayed' is the stock engine,
   * which commits about a second after answering: the benchmark's baseline, never for real data.
   */
  durability?: 'commit' | 'fsync' | 'delayed'
  /** 0 picks a free port. */
  port?: number
  timeoutMs?: number
  /** Defaults to $JAVA_HOME/bin/java when JAVA_HOME is set, else `java` on the PATH. */
  javaCommand?: string
}

function defaultJava(): string {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java'
}

export class EmbeddedMongoError extends Error {}

function checkPrerequisites(javaCommand: string) {
  const java = spawnSync(javaCommand, ['-version'], { encoding: 'utf8' })
  if (java.error) {
    throw new EmbeddedMongoError(
      '未找到 java 命令：内嵌数据库（mongo-java-server）需要 Java 17 或更高版本。' +
        '请安装 JDK 17，或设置 MONGODB_URI 使用真实的 MongoDB。\n' +
        '(java not found: the embedded database needs Java 17+; install it or set MONGODB_URI)',
    )
  }
  if (!existsSync(LIB) || !readdirSync(LIB).some((f) => f.startsWith('mongo-java-server-core'))) {
    throw new EmbeddedMongoError(
      '内嵌数据库的 jar 包尚未下载：请先运行 npm run db:jars\n(database jars missing: run `npm run db:jars`)',
    )
  }
}

/**
 * Starts mongo-java-server (db/EmbeddedMongo.java) and resolves once it accepts connections. The
 * Java process exits when our end of its stdin closes, so it cannot outlive this Node process.
 */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  const { backend, file, durability = 'commit', port = 0, timeoutMs = 60_000, javaCommand = defaultJava() } = options
  checkPrerequisites(javaCommand)
  // The launcher as compiled by scripts/db-jars.sh when it is up to date, else its source.
  const compiled = existsSync(CLASS) && statSync(CLASS).mtimeMs >= statSync(LAUNCHER).mtimeMs
  const args = [
    '-Xss4m',
    '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
    '-cp',
    compiled ? `${LIB}${path.sep}*${path.delimiter}${path.dirname(CLASS)}` : `${LIB}${path.sep}*`,
    compiled ? 'EmbeddedMongo' : LAUNCHER,
    String(port),
    backend,
    ...(backend === 'h2' ? [file ?? path.join(ROOT, '.data', 'zlbg.mv'), durability] : []),
  ]
  const child: ChildProcess = spawn(javaCommand, args, { stdio: ['pipe', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000)
  })

  const boundPort = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new EmbeddedMongoError(`内嵌数据库在 ${timeoutMs / 1000} 秒内未就绪 (not ready in time)\n${stderr}`))
    }, timeoutMs)
    const lines = readline.createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      const m = /^READY (\d+)$/.exec(line.trim())
      if (m) {
        clearTimeout(timer)
        resolve(Number(m[1]))
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new EmbeddedMongoError(`内嵌数据库启动失败 (exit ${code})\n${stderr}`))
    })
    child.once('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
  })

  let stopped: Promise<void> | undefined
  return {
    port: boundPort,
    pid: child.pid!,
    uri: (name) => `mongodb://127.0.0.1:${boundPort}/${name}?directConnection=true&retryWrites=false`,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000)
        child.once('exit', () => {
          clearTimeout(force)
          resolve()
        })
        child.stdin!.end()
      })
      return stopped
    },
  }
}
