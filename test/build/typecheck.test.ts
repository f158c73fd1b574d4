import { spawnSync } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../..')

test.each(['shared', 'server', 'miniapp', 'test'])('%s type-checks under the strict base config', (project) => {
  const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project, '--noEmit'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  expect(tsc.stdout + tsc.stderr).toBe('')
  expect(tsc.status).toBe(0)
}, 120_000)
