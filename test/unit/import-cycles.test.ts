import fs from 'node:fs'
import path from 'node:path'

/**
 * The server's runtime import graph (type-only imports erase at compile time and are left out):
 * the models layer must not reach back into the outbox relay or the workflow (it once did, through
 * `withPendingEffects`, closing a loop of nine files), and no other loop may form. A loop makes
 * module load order matter: a model file could see a half-initialized relay.
 */
const ROOT = path.resolve(__dirname, '../../server/src')

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? files(p) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : []
  })
}

function resolve(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec)
  return [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((p) => fs.existsSync(p))
}

/** Relative imports and re-exports that bring a value: not `import type`, not `{ type A, type B }`. */
export function runtimeImports(source: string): string[] {
  const specs: string[] = []
  const re = /^(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"](\.[^'"]+)['"]/gms
  for (const m of source.matchAll(re)) {
    if (m[2]) continue
    const names = m[3]!.match(/\{([^}]*)\}/)?.[1]
    const onlyTypes = names !== undefined && !/^[^{]*\w[^{]*\{/.test(m[3]!) &&
      names.split(',').map((n) => n.trim()).filter(Boolean).every((n) => n.startsWith('type '))
    if (!onlyTypes) specs.push(m[4]!)
  }
  for (const m of source.matchAll(/^import\s+['"](\.[^'"]+)['"]/gm)) specs.push(m[1]!)
  return specs
}

/** Every relative import, types included. */
const allImports = (source: string) => [...source.matchAll(/^(?:import|export)\b[^'";]*?['"](\.[^'"]+)['"]/gms)].map((m) => m[1]!)

function graph(read: (source: string) => string[] = runtimeImports): Map<string, string[]> {
  const g = new Map<string, string[]>()
  for (const f of files(ROOT)) {
    const deps = read(fs.readFileSync(f, 'utf8')).flatMap((s) => resolve(f, s) ?? [])
    g.set(path.relative(ROOT, f), deps.map((d) => path.relative(ROOT, d)))
  }
  return g
}

/** Strongly connected components of more than one file (Tarjan). */
function loops(g: Map<string, string[]>): string[][] {
  let index = 0
  const idx = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], on = new Set<string>()
  const out: string[][] = []
  const visit = (v: string) => {
    idx.set(v, index), low.set(v, index++), stack.push(v), on.add(v)
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) visit(w), low.set(v, Math.min(low.get(v)!, low.get(w)!))
      else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!))
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = []
      let w: string
      do (w = stack.pop()!), on.delete(w), scc.push(w)
      while (w !== v)
      if (scc.length > 1) out.push(scc.sort())
    }
  }
  for (const v of g.keys()) if (!idx.has(v)) visit(v)
  return out
}

test('the type-only filter reads the import forms the code uses', () => {
  expect(runtimeImports("import type { A } from './a'\nimport { type B, type C } from './b'")).toEqual([])
  expect(runtimeImports("import { type B, c } from './b'\nimport d, { type E } from './d'\nexport { f } from './f'")).toEqual(['./b', './d', './f'])
})

test('models import nothing from the relay, the workflow, routes or commands, not even a type', () => {
  // policies/actor.ts is the Actor type alone (the audit record and a pending effect name who acted).
  const g = graph(allImports)
  const fromModels = [...g]
    .filter(([f]) => f.startsWith('models/'))
    .flatMap(([f, deps]) => deps.filter((d) => !d.startsWith('models/') && d !== 'policies/actor.ts').map((d) => `${f} → ${d}`))
  expect(fromModels).toEqual([])
})

test('the server has no import loop', () => {
  expect(loops(graph())).toEqual([])
})
