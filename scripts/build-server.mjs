// `npm run build:server`: the server as production runs it, `node dist/server/main.js`, without a
// TypeScript loader, and the backup and restore tools beside it (`node dist/server/backup.js`,
// `node dist/server/restore.js`), so the production image can run them without tsx. The server and the shared contract (TypeScript sources of this repository) are
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
  entryPoints: {
    main: path.join(ROOT, 'server/src/main.ts'),
    backup: path.join(ROOT, 'server/src/cli/backup.ts'),
    restore: path.join(ROOT, 'server/src/cli/restore.ts'),
  },
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
const built = ['main', 'backup', 'restore'].map((n) => path.relative(ROOT, path.join(OUT, `${n}.js`))).join(', ')
console.log(`built ${built} (${(bytes / 1024).toFixed(0)} KB with their source maps)`)
