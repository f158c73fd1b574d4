import type { Logger } from '../logger'
import type { Models } from '../models'
import { mayTake, releaseLease, renewLease, takeLease } from './lease'

/** What a job gets for one run. */
export interface JobContext {
  models: Models
  instanceId: string
  logger: Logger
  /** The runner's clock: injectable, so tests move time instead of waiting for it. */
  now(): Date
  /**
   * Aborted when this instance lost the lease (another took over) or the runner is stopping. A job
   * that works in batches checks it between batches; its work is idempotent, so stopping midway is safe.
   */
  signal: AbortSignal
}

/**
 * A time-driven step (deadlines passing, reminders, purges, token refresh). A run must be idempotent
 * and find its work by querying due items (dates in the database), never from memory: it may run on
 * any instance, and after a crash another instance runs it again.
 */
export interface JobDefinition {
  name: string
  /** Due again this long after a run started. */
  everyMs: number
  /** How long a run may go unrenewed before another instance may take it over (default 60 s). */
  leaseMs?: number
  /** May return a few words on what it did (kept as the lease's lastOutcome). */
  run(ctx: JobContext): Promise<string | void>
}

export interface RunResult {
  job: string
  /** False when it was not due, or another instance (or this one) was running it. */
  ran: boolean
  outcome?: string
  error?: string
}

export interface JobRunner {
  readonly instanceId: string
  /** Ticks every tickMs (jittered, unref'd timers) and runs whatever is due. */
  start(): void
  /** Stops ticking, signals running jobs and waits for them to let go of their leases. */
  stop(): Promise<void>
  /** Every due job once, as one tick does, and waits for them. */
  runDue(): Promise<RunResult[]>
  /** Runs one job now whatever its schedule — unless some instance is running it at this moment. */
  runOnce(name: string): Promise<RunResult>
}

export interface JobRunnerOptions {
  models: Models
  /** Unique per process: the lease holder's name. */
  instanceId: string
  logger: Logger
  jobs: readonly JobDefinition[]
  now?: () => Date
  tickMs?: number
  random?: () => number
  /** Told after every run this instance made (the job-run metrics). */
  onRun?: (job: string, outcome: 'ok' | 'error', seconds: number) => void
}

export const DEFAULT_LEASE_MS = 60_000
export const DEFAULT_TICK_MS = 5_000
/** Job names become lease ids (`job:<name>`). */
export const jobLeaseName = (job: string) => `job:${job}`

/** A tick interval spread ±25 % so instances started together do not knock on the same lease in step. */
export function jittered(ms: number, random: () => number = Math.random): number {
  return Math.round(ms * (0.75 + random() * 0.5))
}

export function createJobRunner({
  models,
  instanceId,
  logger,
  jobs,
  now = () => new Date(),
  tickMs = DEFAULT_TICK_MS,
  random = Math.random,
  onRun,
}: JobRunnerOptions): JobRunner {
  const byName = new Map<string, JobDefinition>()
  for (const job of jobs) {
    if (byName.has(job.name)) throw new Error(`job ${job.name} is defined twice`)
    if (!(job.everyMs > 0)) throw new Error(`job ${job.name}: everyMs must be positive`)
    byName.set(job.name, job)
  }
  const log = logger.child({ instanceId })
  /** Jobs this process is running (or deciding whether to run): never two runs of one job in one process. */
  const busy = new Set<string>()
  const controllers = new Set<AbortController>()
  const inflight = new Set<Promise<unknown>>()
  let timer: NodeJS.Timeout | undefined
  let started = false
  let stopped = false

  const track = <T>(p: Promise<T>): Promise<T> => {
    inflight.add(p)
    void p.finally(() => inflight.delete(p)).catch(() => {})
    return p
  }

  /** Takes the lease, runs the job while renewing it, records the run and releases the lease. */
  async function attempt(job: JobDefinition): Promise<RunResult> {
    const name = jobLeaseName(job.name)
    const leaseMs = job.leaseMs ?? DEFAULT_LEASE_MS
    const startedAt = now()
    const lease = await takeLease(
      models,
      { name, holder: instanceId, now: startedAt, leaseMs },
      { set: { lastStartedAt: startedAt, lastRunBy: instanceId }, inc: { runs: 1 } },
    )
    if (!lease) return { job: job.name, ran: false }

    const controller = new AbortController()
    controllers.add(controller)
    const renewal = setInterval(() => {
      renewLease(models, { name, holder: instanceId, now: now(), leaseMs }).then(
        (held) => {
          if (!held) controller.abort(new Error('lease lost'))
        },
        (err: unknown) => log.warn({ err, job: job.name }, 'job lease renewal failed'),
      )
    }, Math.max(1, Math.floor(leaseMs / 3)))
    renewal.unref()

    let outcome: string | undefined
    let error: string | undefined
    const clock = performance.now()
    try {
      outcome = (await job.run({ models, instanceId, logger: log.child({ job: job.name }), now, signal: controller.signal })) ?? undefined
    } catch (err) {
      error = err instanceof Error ? err.message : String(err)
      log.error({ err, job: job.name }, 'job failed')
    } finally {
      clearInterval(renewal)
      controllers.delete(controller)
    }
    onRun?.(job.name, error === undefined ? 'ok' : 'error', (performance.now() - clock) / 1000)
    const released = await releaseLease(models, {
      name,
      holder: instanceId,
      // The schedule is counted from the start, so a slow run does not push every later one back.
      availableAt: new Date(startedAt.getTime() + job.everyMs),
      set: {
        lastFinishedAt: now(),
        lastError: error === undefined ? null : error.slice(0, 500),
        ...(outcome ? { lastOutcome: outcome.slice(0, 200) } : {}),
      },
    })
    if (!released) log.warn({ job: job.name }, 'job lease was taken over while it ran; its run record is the new holder’s')
    log.debug({ job: job.name, outcome, error }, 'job ran')
    return { job: job.name, ran: true, ...(outcome ? { outcome } : {}), ...(error !== undefined ? { error } : {}) }
  }

  /** Runs the job when it is due; a cheap read first, so a tick writes nothing when nothing is due. */
  async function runIfDue(job: JobDefinition, force: boolean): Promise<RunResult> {
    if (busy.has(job.name)) return { job: job.name, ran: false }
    busy.add(job.name)
    try {
      const name = jobLeaseName(job.name)
      if (force) {
        // "Due now" for a job nobody is running; a running one keeps its lease.
        await models.Lease.updateOne({ _id: name, holder: null }, { $set: { expiresAt: now() } })
      } else {
        const lease = await models.Lease.findById(name, { holder: 1, expiresAt: 1 }).lean()
        if (!mayTake(lease, instanceId, now())) return { job: job.name, ran: false }
      }
      return await attempt(job)
    } finally {
      busy.delete(job.name)
    }
  }

  function runDue(): Promise<RunResult[]> {
    return Promise.all(
      [...byName.values()].map((job) =>
        track(
          runIfDue(job, false).catch((err: unknown) => {
            log.error({ err, job: job.name }, 'job could not be started')
            return { job: job.name, ran: false, error: err instanceof Error ? err.message : String(err) }
          }),
        ),
      ),
    )
  }

  function schedule() {
    if (stopped) return
    timer = setTimeout(() => {
      // Each tick starts what is due and does not wait for it: a slow job does not hold up the others.
      void runDue()
      schedule()
    }, jittered(tickMs, random))
    timer.unref()
  }

  return {
    instanceId,
    start() {
      if (started) return
      started = true
      schedule()
      log.info({ jobs: [...byName.keys()] }, 'job runner started')
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      for (const c of controllers) c.abort(new Error('runner stopping'))
      await Promise.allSettled([...inflight])
    },
    runDue,
    runOnce(name) {
      const job = byName.get(name)
      if (!job) return Promise.reject(new Error(`no job named ${name}`))
      return track(runIfDue(job, true))
    },
  }
}
