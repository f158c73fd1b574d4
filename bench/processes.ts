import { spawn, type ChildProcess } from 'node:child_process'
import { openSync, readFileSync } from 'node:fs'
import net from 'node:net'

/**
 * Every process the bench starts, so that none outlives it: stopped in order at the end, and killed
 * outright if the bench dies (an exception, Ctrl-C). The embedded database exits by itself when our
 * end of its stdin closes (scripts/db.ts); the baseline does the same (bench/baseline.mjs).
 */
const children = new Set<ChildProcess>()

process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL')
})

export interface Started {
  pid: number
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process is gone. */
  stop(): Promise<void>
  /** Resident memory now, in bytes (Linux /proc). */
  rss(): number
}

/** Starts `node args…` with its stdout and stderr in `logFile` (a server logging every request must not be slowed by a pipe we drain). */
export function startNode(args: string[], { env, logFile }: { env: NodeJS.ProcessEnv; logFile: string }): Started {
  const log = openSync(logFile, 'w')
  const child = spawn(process.execPath, args, { env, stdio: ['pipe', log, log] })
  children.add(child)
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  void gone.then(() => children.delete(child))
  return {
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await gone
      clearTimeout(force)
    },
    rss: () => rssOf(child.pid!),
  }
}

export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)
  return kb ? Number(kb[1]) * 1024 : NaN
}

/** A free loopback port (the server and the baseline bind 127.0.0.1 only). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/** Polls `url` until it answers 2xx; gives up after `timeoutMs` with the last error. */
export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url)
      if (res.ok) return
      last = new Error(`HTTP ${res.status}`)
    } catch (err) {
      last = err
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${url} did not come up within ${timeoutMs / 1000} s: ${last instanceof Error ? last.message : last}`)
}
