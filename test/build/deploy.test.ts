import { readFileSync } from 'node:fs'
import path from 'node:path'
import { validate } from 'dockerfile-utils'
import { parse } from 'yaml'
import { CONFIG_VARIABLES, loadConfig } from '../../server/src/config'

/**
 * What can be checked of the deployment files without Docker (issue 20): the Dockerfile passes a
 * linter and keeps its promises, the WeChat Cloud Hosting config and the compose example parse and
 * configure only settings the server knows — with values it accepts.
 */
const ROOT = path.resolve(__dirname, '../..')
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8')
const dockerfile = read('Dockerfile')
const SECRETS = ['MONGODB_URI', 'WECHAT_SECRET', 'METRICS_TOKEN']

describe('Dockerfile', () => {
  test('the linter (dockerfile-utils) finds nothing, and it does find a broken file', () => {
    expect(validate(dockerfile)).toEqual([])
    expect(validate('FROM node:20\nRUNN echo\nEXPOSE port\n').length).toBeGreaterThan(0)
  })

  test('multi-stage; production dependencies only; runs the compiled server as a non-root user; checks /readyz', () => {
    const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\w+)$/gm)].map((m) => m[1])
    expect(stages).toEqual(['build', 'deps', 'runtime'])
    expect(dockerfile).toMatch(/npm ci --omit=dev --workspace server/)
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'))
    expect(runtime).not.toMatch(/npm (ci|install)/)
    const user = runtime.indexOf('USER node')
    expect(user).toBeGreaterThan(0)
    expect(user).toBeLessThan(runtime.indexOf('CMD ["node", "dist/server/main.js"]'))
    expect(runtime).toMatch(/HEALTHCHECK[\s\S]*\/readyz/)
    expect(runtime).toMatch(/H5_DIST=\/app\/h5/)
    // Backups written in the container (node dist/server/backup.js) go to a volume the node user owns.
    expect(runtime.indexOf('chown node:node /data/backups')).toBeGreaterThan(0)
    expect(runtime.indexOf('chown node:node /data/backups')).toBeLessThan(user)
    expect(runtime).toContain('VOLUME ["/data/backups"]')
  })

  test('the build context leaves local data, dependencies and env files out', () => {
    const ignored = read('.dockerignore').split('\n')
    expect(ignored).toEqual(expect.arrayContaining(['.data', '**/node_modules', '.env*', '.git']))
  })
})

describe('WeChat Cloud Hosting (container.config.json)', () => {
  const config = JSON.parse(read('container.config.json'))
  test('listens where the image does, with only known, non-secret settings', () => {
    expect(config.containerPort).toBe(Number(/^EXPOSE (\d+)$/m.exec(dockerfile)![1]))
    expect(config.dockerfilePath).toBe('Dockerfile')
    expect(Number(config.envParams.PORT)).toBe(config.containerPort)
    for (const name of Object.keys(config.envParams)) expect(CONFIG_VARIABLES).toContain(name)
    for (const name of SECRETS) expect(config.envParams).not.toHaveProperty(name)
  })
})

describe('self-hosting example (deploy/compose.yaml)', () => {
  const compose = parse(read('deploy/compose.yaml'), { merge: true })
  const services = compose.services as Record<string, any>
  /** Compose's ${VAR:?…} / ${VAR:-…} with sample values, as `docker compose` would substitute them. */
  const substitute = (value: string) => value.replace(/\$\{(\w+)(:[?-][^}]*)?\}/g, (_m, name: string) => (name === 'WECHAT_TEMPLATES' ? '' : `sample-${name.toLowerCase()}-0123456789`))

  test('three replica-set members, two servers on all three, a TLS proxy the only service with ports', () => {
    const members = Object.entries(services).filter(([, s]) => s.command?.includes?.('--replSet'))
    expect(members.map(([name]) => name)).toEqual(['mongo1', 'mongo2', 'mongo3'])
    for (const [, s] of members) expect(s.command).toEqual(expect.arrayContaining(['rs0', '--keyFile']))
    const published = Object.entries(services).filter(([, s]) => s.ports).map(([name]) => name)
    expect(published).toEqual(['proxy'])
    for (const name of ['server1', 'server2']) {
      const uri = services[name].environment.MONGODB_URI as string
      expect(uri).toMatch(/@mongo1:27017,mongo2:27017,mongo3:27017\/zlbg\?replicaSet=rs0/)
      // Both servers share the uploads and the backups (a restore run beside them reads what a backup wrote).
      expect(services[name].volumes).toEqual(['files:/data/files', 'backups:/data/backups'])
    }
  })

  test("each server's environment is one the server accepts in production", () => {
    for (const name of ['server1', 'server2']) {
      const env = Object.fromEntries(Object.entries(services[name].environment as Record<string, string>).map(([k, v]) => [k, substitute(String(v))]))
      for (const key of Object.keys(env)) expect(CONFIG_VARIABLES).toContain(key)
      const config = loadConfig(env)
      expect(config).toMatchObject({ NODE_ENV: 'production', TRUST_PROXY: true })
      expect(config.wechat.mode).toBe('real')
    }
  })

  test('the proxy hides /metrics and balances on /readyz; the replica-set script is valid JavaScript', () => {
    const caddy = read('deploy/Caddyfile')
    expect(caddy).toMatch(/respond \/metrics 404/)
    expect(caddy).toMatch(/reverse_proxy server1:3000 server2:3000/)
    expect(caddy).toMatch(/health_uri \/readyz/)
    expect(() => new Function(read('deploy/mongo-init.js'))).not.toThrow()
    // Every variable the compose file demands is in the example env file.
    const demanded = new Set([...read('deploy/compose.yaml').matchAll(/\$\{(\w+)/g)].map((m) => m[1]))
    const offered = new Set([...read('deploy/env.example').matchAll(/^(\w+)=/gm)].map((m) => m[1]))
    expect([...demanded].filter((v) => !offered.has(v))).toEqual([])
  })
})
