import { admission, type AdmissionOptions } from '../../server/src/http/admission'

/**
 * The per-instance gate a burst of one kind of write waits at (第十八条 objections, issue 16): arrival
 * order, the limit, and with a burst share the rests that leave the public reads the rest of the
 * instance's time. A hand-driven clock and rests: nothing here depends on the machine's speed.
 */
function harness(limit: number, options: Omit<AdmissionOptions, 'now' | 'rest'> = {}) {
  let clock = 0
  const rests: { ms: number; done: () => void }[] = []
  const gate = admission(limit, {
    ...options,
    now: () => clock,
    rest: (ms) => new Promise<void>((done) => rests.push({ ms, done })),
  })
  const started: string[] = []
  const finish = new Map<string, () => void>()
  const run = (name: string, tookMs: number, caller?: string) =>
    gate(async () => {
      started.push(name)
      await new Promise<void>((resolve) => finish.set(name, resolve))
      clock += tookMs
      return name
    }, caller)
  const settle = () => new Promise((r) => setImmediate(r))
  return { gate, run, started, rests, settle, end: (name: string) => finish.get(name)!() }
}

describe('admission: a burst waits its turn (第十八条, issue 16)', () => {
  test('at most `limit` at once, the others in arrival order, each slot handed straight on without a burst share', async () => {
    const h = harness(2)
    const answers = ['a', 'b', 'c', 'd'].map((n) => h.run(n, 10))
    await h.settle()
    expect(h.started).toEqual(['a', 'b'])
    h.end('b')
    await h.settle()
    expect(h.started).toEqual(['a', 'b', 'c'])
    h.end('a')
    h.end('c')
    await h.settle()
    h.end('d')
    expect(await Promise.all(answers)).toEqual(['a', 'b', 'c', 'd'])
    expect(h.rests).toEqual([])
  })

  const shares: [number, number, number][] = [
    // share, how long the write took, the rest before the next waiting one starts
    [0.25, 40, 120],
    [0.5, 40, 40],
    [0.2, 10, 40],
    // A write that mostly waited elsewhere (WeChat timing out) rests no longer than maxRestMs (250).
    [0.25, 5000, 250],
  ]
  test.each(shares)('burst share %p: a write of %p ms is followed by a rest of %p ms while others wait', async (share, took, rest) => {
    const h = harness(1, { burstShare: share })
    const first = h.run('first', took)
    const second = h.run('second', took)
    await h.settle()
    h.end('first')
    // The finished write answers at once; the next one waits out the rest.
    expect(await first).toBe('first')
    await h.settle()
    expect(h.started).toEqual(['first'])
    expect(h.rests.map((r) => r.ms)).toEqual([rest])
    h.rests[0]!.done()
    await h.settle()
    expect(h.started).toEqual(['first', 'second'])
    h.end('second')
    expect(await second).toBe('second')
    // Nobody waited behind the second: no rest after it.
    expect(h.rests).toHaveLength(1)
  })

  test('a write that arrives alone is never held back, and a newcomer cannot slip in during a rest', async () => {
    const h = harness(1, { burstShare: 0.25 })
    const alone = h.run('alone', 30)
    await h.settle()
    h.end('alone')
    await alone
    expect(h.rests).toEqual([])
    const x = h.run('x', 30)
    const y = h.run('y', 30)
    await h.settle()
    h.end('x')
    await x
    await h.settle()
    const late = h.run('late', 30)
    await h.settle()
    expect(h.started).toEqual(['alone', 'x'])
    h.rests[0]!.done()
    await h.settle()
    expect(h.started).toEqual(['alone', 'x', 'y'])
    h.end('y')
    await y
    await h.settle()
    h.rests[1]!.done()
    await h.settle()
    h.end('late')
    expect(await late).toBe('late')
  })

  test('a full line refuses the next caller at once: 503 SERVER_BUSY, Retry-After the line\'s expected wait', async () => {
    const h = harness(1, { maxWaiting: 2 })
    const running = [h.run('a', 4000), h.run('b', 4000), h.run('c', 4000)]
    await h.settle()
    // Nothing has finished yet, so no pace is known: the shortest wait.
    await expect(h.run('d', 4000)).rejects.toMatchObject({ code: 'SERVER_BUSY', status: 503, retryAfterSeconds: 1 })
    h.end('a')
    await h.settle()
    expect(h.started).toEqual(['a', 'b'])
    // A place came free: the next one waits again.
    const e = h.run('e', 4000)
    await h.settle()
    // Two wait, each slot lately held 4 s: 8 s.
    await expect(h.run('f', 4000)).rejects.toMatchObject({ code: 'SERVER_BUSY', retryAfterSeconds: 8 })
    for (const name of ['b', 'c', 'e']) {
      await h.settle()
      h.end(name)
    }
    expect(await Promise.all([...running, e])).toEqual(['a', 'b', 'c', 'e'])
    expect(h.started).toEqual(['a', 'b', 'c', 'e'])
  })

  test('one caller holds at most `perCaller` places in line: the next of theirs is refused (429 RATE_LIMITED), others still queue', async () => {
    const h = harness(1, { perCaller: 2 })
    const mine = [h.run('u1-a', 10, 'u1'), h.run('u1-b', 10, 'u1')]
    await expect(h.run('u1-c', 10, 'u1')).rejects.toMatchObject({ code: 'RATE_LIMITED', status: 429 })
    const other = h.run('u2-a', 10, 'u2')
    await h.settle()
    h.end('u1-a')
    await mine[0]
    // One of u1's is through: a place of theirs is free again.
    const again = h.run('u1-d', 10, 'u1')
    for (const name of ['u1-b', 'u2-a', 'u1-d']) {
      await h.settle()
      h.end(name)
    }
    expect(await Promise.all([...mine, other, again])).toEqual(['u1-a', 'u1-b', 'u2-a', 'u1-d'])
  })

  test('a failed or refused request leaves no place of its caller behind', async () => {
    const gate = admission(1, { perCaller: 1 })
    await expect(gate(() => Promise.reject(new Error('refused')), 'u1')).rejects.toThrow('refused')
    await expect(gate(async () => 'next', 'u1')).resolves.toBe('next')
    let release!: () => void
    const holding = gate(() => new Promise<string>((resolve) => (release = () => resolve('held'))), 'u2')
    await expect(gate(async () => 'second', 'u2')).rejects.toMatchObject({ code: 'RATE_LIMITED' })
    release()
    await expect(holding).resolves.toBe('held')
    await expect(gate(async () => 'third', 'u2')).resolves.toBe('third')
  })

  test('closing (the instance shuts down) refuses everyone waiting and every newcomer at once; what runs finishes', async () => {
    const h = harness(1, { perCaller: 4 })
    const running = h.run('running', 10, 'u1')
    const queued = [h.run('w1', 10, 'u1'), h.run('w2', 10, 'u2')]
    await h.settle()
    h.gate.close()
    for (const q of queued) await expect(q).rejects.toMatchObject({ code: 'SERVER_BUSY', status: 503, retryAfterSeconds: 1, message: '服务正在重启，请稍后再试' })
    expect(h.gate.waiting()).toBe(0)
    await expect(h.run('late', 10)).rejects.toMatchObject({ code: 'SERVER_BUSY' })
    h.end('running')
    expect(await running).toBe('running')
    expect(h.started).toEqual(['running'])
  })

  test('a failing write frees its slot too', async () => {
    const gate = admission(1)
    await expect(gate(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused')
    await expect(gate(async () => 'next')).resolves.toBe('next')
  })

  test.each([0, -0.5, 1.5, Number.NaN])('a burst share of %p is refused', (share) => {
    expect(() => admission(1, { burstShare: share })).toThrow('burstShare')
  })
})
