import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROUTES } from '@zlbg/shared'
import { mainPackageFiles, splitRoutes } from '../../miniapp/config/routeSplit'

/**
 * The route table's split between the weapp main package and the subpackages (miniapp/config/routeSplit.ts,
 * README → Performance): derived from the code, so these tests check the derivation and the built app,
 * not a list.
 */
const MINIAPP = path.resolve(__dirname, '../../miniapp')
const SRC = path.join(MINIAPP, 'src')
const WEAPP = path.join(MINIAPP, 'dist/weapp')
const routes = Object.fromEntries(Object.entries(ROUTES).map(([name, r]) => [name, { method: r.method, path: r.path }]))
const split = splitRoutes(SRC, routes)

describe('the split of the real app', () => {
  test('every route is in exactly one of the two tables, as "<method> <path>"', () => {
    const main = Object.keys(split.main)
    const sub = Object.keys(split.subpackages)
    expect(main.filter((name) => sub.includes(name))).toEqual([])
    expect([...main, ...sub].sort()).toEqual(Object.keys(ROUTES).sort())
    expect(split.main.getCall).toBe('get /api/calls/:id')
  })

  test('what the main package\'s pages call is in the main table; office, expert and org-only routes are not', () => {
    for (const name of ['listCalls', 'getCall', 'loginPassword', 'acceptInvite', 'me', 'logout', 'createOrganization', 'createApplication', 'listMyMessages']) {
      expect({ name, main: name in split.main }).toEqual({ name, main: true })
    }
    for (const name of ['listOutbox', 'listOfficeCalls', 'reviewOrganizationName', 'saveApplicationDraft', 'uploadAttachment']) {
      expect({ name, main: name in split.main }).toEqual({ name, main: false })
    }
  })

  test('the main package is app.tsx and the pages with what they import — no subpackage module', () => {
    expect(split.mainFiles).toContain('app.tsx')
    expect(split.mainFiles).toContain('pages/me/index.tsx')
    expect(split.mainFiles).toContain('api/client.ts')
    expect(split.mainFiles.filter((f) => f.startsWith('subpackages/'))).toEqual([])
  })

  test('app.config.ts keeps the layout the split assumes: main pages under pages/, subpackages under subpackages/', () => {
    const appConfig = readFileSync(path.join(SRC, 'app.config.ts'), 'utf8')
    const pages = [...appConfig.slice(appConfig.indexOf('pages: ['), appConfig.indexOf('subPackages')).matchAll(/'([^']+)'/g)].map((m) => m[1]!)
    expect(pages.length).toBeGreaterThan(0)
    expect(pages.filter((p) => !p.startsWith('pages/'))).toEqual([])
    const pagePaths = readFileSync(path.join(MINIAPP, '..', 'shared', 'src', 'pagePaths.ts'), 'utf8')
    const roots = [...pagePaths.matchAll(/root:\s*'([^']+)'/g)].map((m) => m[1]!)
    expect(roots.length).toBeGreaterThan(0)
    expect(roots.filter((r) => !r.startsWith('subpackages/'))).toEqual([])
  })
})

describe('the derivation, on a made-up app', () => {
  let src: string
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(src, file)), { recursive: true })
    writeFileSync(path.join(src, file), text)
  }
  const fake = { mainRoute: { method: 'get', path: '/a' }, typedOnly: { method: 'get', path: '/b' }, typeModule: { method: 'post', path: '/c' },
    required: { method: 'get', path: '/d' }, subOnly: { method: 'delete', path: '/e/:id' }, indexed: { method: 'get', path: '/f' } }

  beforeAll(() => {
    src = mkdtempSync(path.join(os.tmpdir(), 'route-split-'))
    write('app.tsx', "import './lib/boot'\n")
    write('lib/boot.ts', "import { a } from './a'\nexport const b = a\n")
    write('lib/a.ts', "import type { T } from './types'\nexport type R = Res<'typedOnly'>\nexport const a = call('mainRoute')\nrequire('../dir')\n")
    write('lib/types.ts', "export type T = 1\nexport const t = call('typeModule')\n")
    write('dir/index.ts', "export const d = call(`required`)\n")
    write('pages/p/index.tsx', "export { x } from '../../lib/more'\n")
    write('lib/more.ts', "export const x = ['indexed'].map(call)\n")
    write('subpackages/s/page.tsx', "import '../../lib/a'\nexport const s = call('subOnly')\n")
  })
  afterAll(() => rmSync(src, { recursive: true, force: true }))

  test('follows value imports, re-exports, require and index files from app.tsx and pages/, not type-only imports or subpackages', () => {
    expect(mainPackageFiles(src).map((f) => path.relative(src, f)).sort()).toEqual(
      ['app.tsx', 'dir/index.ts', 'lib/a.ts', 'lib/boot.ts', 'lib/more.ts', 'pages/p/index.tsx'].sort(),
    )
  })

  test('a route written in main code goes to the main table; one written only in a type or in subpackage code does not', () => {
    const result = splitRoutes(src, fake)
    expect(Object.keys(result.main).sort()).toEqual(['indexed', 'mainRoute', 'required'])
    expect(result.subpackages).toEqual({ typedOnly: 'get /b', typeModule: 'post /c', subOnly: 'delete /e/:id' })
  })
})

describe('the built weapp', () => {
  const app = JSON.parse(readFileSync(path.join(WEAPP, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] }
  const roots = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((p) => path.join(WEAPP, p.root.replace(/\/$/, '')))
  const scripts = (dir: string, skip: string[]): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const full = path.join(dir, entry)
      if (skip.includes(full)) return []
      if (statSync(full).isDirectory()) return scripts(full, skip)
      return full.endsWith('.js') ? [full] : []
    })
  const mainCode = scripts(WEAPP, roots).map((f) => readFileSync(f, 'utf8')).join('\n')
  const subOnly = Object.keys(split.subpackages)

  test('the main package carries no entry of the subpackages\' table', () => {
    expect(subOnly.filter((name) => mainCode.includes(`${name}:"${split.subpackages[name]}"`))).toEqual([])
    // …and the table is there in the form looked for: the main one is.
    expect(mainCode).toContain(`getCall:"${split.main.getCall}"`)
  })

  test('every route name the bundled main package calls with is in its own table', () => {
    // Read from the bundle, not the sources: a call the derivation missed would show here.
    const quoted = new Set([...mainCode.matchAll(/"([A-Za-z]+)"/g)].map((m) => m[1]!))
    const called = Object.keys(ROUTES).filter((name) => quoted.has(name))
    expect(called.filter((name) => !(name in split.main))).toEqual([])
  })

  test('each subpackage carries the subpackages\' table, registered from its own files', () => {
    for (const root of roots) {
      const code = scripts(root, []).map((f) => readFileSync(f, 'utf8')).join('\n')
      expect({ root: path.relative(WEAPP, root), table: subOnly.every((name) => code.includes(`${name}:"${split.subpackages[name]}"`)) }).toEqual({
        root: path.relative(WEAPP, root),
        table: true,
      })
    }
  })
})
