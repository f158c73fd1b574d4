import { mayTake } from '../../server/src/jobs/lease'
import { createJobRunner, jittered, jobLeaseName } from '../../server/src/jobs/runner'
import { createLogger } from '../../server/src/logger'
import type { Models } from '../../server/src/models'

const now = new Date('2026-03-01T08:00:00Z')
const at = (ms: number) => new Date(now.getTime() + ms)

describe('who may take a lease (the same condition as the conditional update)', () => {
  test('nobody has taken it yet', () => {
    expect(mayTake(null, 'a', now)).toBe(true)
  })
  test('another holder whose lease still runs: no', () => {
    expect(mayTake({ holder: 'b', expiresAt: at(1) }, 'a', now)).toBe(false)
  })
  test('another holder whose lease ran out (it crashed): yes, from the very instant it expires', () => {
    expect(mayTake({ holder: 'b', expiresAt: now }, 'a', now)).toBe(true)
    expect(mayTake({ holder: 'b', expiresAt: at(-1) }, 'a', now)).toBe(true)
  })
  test('the holder itself: yes, even before expiry', () => {
    expect(mayTake({ holder: 'a', expiresAt: at(60_000) }, 'a', now)).toBe(true)
  })
  test('released, but the job is not due again yet: no', () => {
    expect(mayTake({ holder: null, expiresAt: at(3_600_000) }, 'a', now)).toBe(false)
  })
  test('released and due: yes', () => {
    expect(mayTake({ holder: null, expiresAt: at(-1) }, 'a', now)).toBe(true)
  })
})

describe('the job runner', () => {
  test('ticks are spread ±25 % around tickMs', () => {
    expect(jittered(1000, () => 0)).toBe(750)
    expect(jittered(1000, () => 0.5)).toBe(1000)
    expect(jittered(1000, () => 1)).toBe(1250)
  })

  test('job leases are named after their job', () => {
    expect(jobLeaseName('purge.sessions')).toBe('job:purge.sessions')
  })

  const options = { models: {} as Models, instanceId: 'a', logger: createLogger('silent') }
  test('a job name given twice is refused', () => {
    const job = { name: 'x', everyMs: 1000, run: async () => {} }
    expect(() => createJobRunner({ ...options, jobs: [job, job] })).toThrow(/defined twice/)
  })
  test('a job without a positive period is refused', () => {
    expect(() => createJobRunner({ ...options, jobs: [{ name: 'x', everyMs: 0, run: async () => {} }] })).toThrow(/everyMs/)
  })
  test('runOnce of an unknown job is refused', async () => {
    await expect(createJobRunner({ ...options, jobs: [] }).runOnce('nope')).rejects.toThrow(/no job named nope/)
  })
})
