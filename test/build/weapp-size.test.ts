import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const WEAPP = path.resolve(__dirname, '../../miniapp/dist/weapp')
/** WeChat refuses a main package over 2 MB. */
const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024

function sizeOf(dir: string, skip: Set<string>): number {
  let total = 0
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry)
    if (skip.has(full)) continue
    const stat = statSync(full)
    total += stat.isDirectory() ? sizeOf(full, skip) : stat.size
  }
  return total
}

test('the weapp main package stays under WeChat\'s 2 MB limit', () => {
  expect(existsSync(path.join(WEAPP, 'app.json'))).toBe(true)
  const app = JSON.parse(readFileSync(path.join(WEAPP, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[]
    subpackages?: { root: string }[]
  }
  const roots = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((p) => path.join(WEAPP, p.root.replace(/\/$/, '')))
  const bytes = sizeOf(WEAPP, new Set(roots))
  console.log(`weapp main package: ${(bytes / 1024).toFixed(1)} KB of ${MAIN_PACKAGE_LIMIT / 1024} KB`)
  expect(bytes).toBeLessThanOrEqual(MAIN_PACKAGE_LIMIT)
})
