import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { startEmbeddedMongo, type EmbeddedMongo } from './db'

const ROOT = path.resolve(__dirname, '..')
const PORT = Number(process.env.PORT ?? 3000)

function run(cmd: string, args: string[], label: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    console.log(`▶ ${label}…`)
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] })
    child.once('exit', (code) => {
      if (code === 0) {
        console.log(`✔ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
        resolve()
      } else reject(new Error(`${label} failed (exit ${code})`))
    })
  })
}

const TSX = path.join(ROOT, 'node_modules/.bin/tsx')

const seed = (uri: string) =>
  run(TSX, ['server/src/cli/seed.ts'], 'Loading demo data into an empty database', { ...process.env, MONGODB_URI: uri })

async function waitReady(url: string, server: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with code ${server.exitCode}`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error(`server not ready after ${timeoutMs / 1000} s: ${url}`)
}

async function main() {
  let db: EmbeddedMongo | undefined
  let server: ChildProcess | undefined
  let stopping = false
  const stop = async (code: number) => {
    if (stopping) return
    stopping = true
    if (server && server.exitCode === null) {
      server.kill('SIGTERM')
      await new Promise((r) => server!.once('exit', r))
    }
    await db?.stop()
    process.exit(code)
  }
  process.on('SIGINT', () => void stop(0))
  process.on('SIGTERM', () => void stop(0))

  try {
    let uri = process.env.MONGODB_URI
    if (!uri) {
      const file = path.join(ROOT, '.data', 'zlbg.mv')
      console.log(`▶ Starting the embedded database (mongo-java-server, data in ${path.relative(ROOT, file)})…`)
      db = await startEmbeddedMongo({ backend: 'h2', file })
      uri = db.uri('zlbg')
      console.log(`✔ Embedded database on 127.0.0.1:${db.port}`)
    } else {
      console.log('▶ Using the database in MONGODB_URI')
    }

    await seed(uri)
    await run('npm', ['run', '--silent', 'build:h5', '-w', 'miniapp'], 'Building the H5 app')
    await run('npm', ['run', '--silent', 'build:weapp', '-w', 'miniapp'], 'Building the WeChat mini-program')

    server = spawn(TSX, ['server/src/main.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        MONGODB_URI: uri,
        PORT: String(PORT),
        H5_DIST: path.join(ROOT, 'miniapp/dist/h5'),
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      },
    })
    server.once('exit', (code) => {
      if (!stopping) {
        console.error(`server stopped unexpectedly (exit ${code})`)
        void stop(1)
      }
    })
    const base = `http://127.0.0.1:${PORT}`
    await waitReady(`${base}/readyz`, server)
    console.log(`
质量标杆 is running. Open:
  H5 (browser workbench)   ${base}/
  API: published calls     ${base}/api/calls
  OpenAPI document         ${base}/openapi.json
  Health / readiness       ${base}/healthz  ${base}/readyz
  WeChat DevTools          import this folder (project.config.json → miniapp/dist/weapp)
Press Ctrl-C to stop everything.`)
  } catch (err) {
    console.error(`✘ ${err instanceof Error ? err.message : err}`)
    await stop(1)
  }
}

void main()
