// `npm run build:server`: the server as production runs it, `node dist/server/main.js`, without a
// TypeScript loader. The server and the shared contract (TypeScript sources of this repository) are
// bundled into one file; every package from node_modules stays an ordinary require, so native and
// heavy ones (argon2, mongoose, exceljs, pino) load exactly as installed by `npm ci --omit=dev`.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const OUT = path.join(ROOT, 'dist', 'server')

/** Our own workspaces (`@zlbg/*`) are TypeScript: bundle them; leave every other bare import external. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@zlbg/')) return undefined
      return { path: args.path, external: true }
    })
  },
}

rmSync(OUT, { recursive: true, force: true })
const result = await build({
  entryPoints: { main: path.join(ROOT, 'server/src/main.ts') },
  outdir: OUT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // Stack traces and pino's error serialisation read better with the original names.
  keepNames: true,
  legalComments: 'none',
  plugins: [externalPackages],
  logLevel: 'warning',
  metafile: true,
})
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + (o.bytes ?? 0), 0)
console.log(`built ${path.relative(ROOT, path.join(OUT, 'main.js'))} (${(bytes / 1024).toFixed(0)} KB with its source map)`)
