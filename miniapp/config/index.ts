import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import webpack from 'webpack'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import type Chain from 'webpack-chain'
import { dotenvParse } from '@tarojs/helper'
import { CollapseWxmlWhitespace } from './collapseWxmlWhitespace'
import { ResolveNutuiVars } from './resolveNutuiVars'
import { splitRoutes, type RouteSplit } from './routeSplit'

const appRoot = path.resolve(__dirname, '..')
/**
 * @zlbg/shared is TypeScript source in a workspace package. Webpack follows the node_modules
 * symlink to this real path, which is outside `src/`, so both builds must be told to compile it.
 */
const sharedSource = path.resolve(appRoot, '../shared/src')

/**
 * The API base URL is fixed at build time. `TARO_APP_API_BASE` (shell or .env files) wins;
 * otherwise the H5 build talks to its own origin (the server serves dist/h5 at `/`) and the weapp
 * build to a local server, which WeChat DevTools reaches with "不校验合法域名" ticked.
 */
function apiBaseUrl(mode: string): string {
  const fromFiles = dotenvParse(appRoot, 'TARO_APP_', mode) as Record<string, string | undefined>
  const configured = process.env.TARO_APP_API_BASE ?? fromFiles.TARO_APP_API_BASE
  if (configured !== undefined) return configured.replace(/\/+$/, '')
  return process.env.TARO_ENV === 'h5' ? '' : 'http://127.0.0.1:3000'
}

/**
 * Each route's method and path, read from the shared contract at build time and inlined: the client
 * needs nothing else of ROUTES, which holds every zod schema of every area. Split in two
 * (routeSplit.ts): API_ROUTES, the routes the main package's code names, and API_SUBPACKAGE_ROUTES,
 * the rest, which only subpackage code loads, so routes of subpackage-only areas do not weigh on the
 * weapp main package. The contract is TypeScript, hence tsx.
 */
function apiRoutes(): RouteSplit {
  const script =
    "const { ROUTES } = require('@zlbg/shared');" +
    'process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(ROUTES).map(([name, r]) => [name, { method: r.method, path: r.path }]))))'
  const routes = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: appRoot, encoding: 'utf8' }))
  return splitRoutes(path.join(appRoot, 'src'), routes)
}

/** Both builds: modules the app bundles but never runs (see each file). */
function leaveOutUnused(chain: Chain): void {
  chain.resolve.alias.set('lodash.kebabcase$', path.join(__dirname, 'kebabCaseUnused.js'))
}

/** Every module under src/subpackages/ first imports the subpackages' route table (subpackageRoutesLoader.js). */
function registerSubpackageRoutes(chain: Chain): void {
  chain.module
    .rule('subpackage-routes')
    .test(/\.[jt]sx?$/)
    .include.add(path.join(appRoot, 'src/subpackages'))
    .end()
    // Page configs are read at build time, not run in the app.
    .exclude.add(/\.config\.[jt]s$/)
    .end()
    .enforce('pre')
    .use('subpackage-routes')
    .loader(path.join(__dirname, 'subpackageRoutesLoader.js'))
    .options({ module: path.join(appRoot, 'src/api/subpackageRoutes.ts') })
}

/**
 * Parts of zod only the server uses: the JSON Schema converters (to and from, which every schema
 * class references for its `.toJSONSchema()`) and the English messages (useChineseMessages replaces
 * them at start-up). In the weapp build each becomes a module with the same exports that throws if
 * ever called, ≈ 30 KB off the main package. The stubs are written at build time from zod's own
 * export lists, so a zod upgrade cannot leave one behind.
 */
const ZOD_SERVER_ONLY = /[\\/]zod[\\/]v4[\\/](core[\\/](to-json-schema|json-schema-processors|json-schema-generator)|classic[\\/]from-json-schema|locales[\\/]en)\.js$/
function zodStub(resolved: string): string {
  const cjs = resolved.replace(/\.js$/, '.cjs')
  const dir = path.join(os.tmpdir(), 'zlbg-zod-stubs')
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, path.relative(path.dirname(require.resolve('zod')), cjs).replace(/[\\/]/g, '_').replace(/\.cjs$/, '.js'))
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(cjs)
  const names = Object.keys(mod).filter((n) => n !== '__esModule' && n !== 'default')
  const lines = [
    "function unavailable() { throw new Error('zod JSON Schema and English messages are left out of the mini-program build') }",
    'function stub() { return unavailable }',
    ...names.map((n) => `export { stub as ${n} }`),
    ...(typeof mod === 'function' || 'default' in mod ? ['export default function () { return { localeError: function () { return undefined } } }'] : []),
  ]
  writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

/** NutUI is drawn at 375 px; our own styles at the Taro default of 750 px. */
function designWidth(input?: string | number | { file?: string }): number {
  const file = typeof input === 'object' && input ? input.file : undefined
  if (file && file.replace(/\\+/g, '/').includes('/@nutui/')) return 375
  return 750
}

export default defineConfig<'webpack5'>((_merge, { mode }) => {
  const routes = apiRoutes()
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'zlbg-miniapp',
    date: '2026-11-25',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // WeChat templates cannot recurse, so Taro writes one copy of every template per level of
    // nesting into base.wxml (≈ 3 KB each); deeper nodes render through its recursive `comp`
    // component instead. 10 levels instead of Taro's 16 keeps ≈ 17 KB off the main package.
    baseLevel: 10,
    // Chinese text as UTF-8 (3 bytes a character) rather than Taro's default \uXXXX escapes (6): both
    // WeChat and the server's H5 answers read scripts as UTF-8, and strings are most of our own code.
    terser: { enable: true, config: { output: { ascii_only: false } } },
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: ['@tarojs/plugin-html'],
    defineConstants: {
      API_BASE_URL: JSON.stringify(apiBaseUrl(mode)),
      API_ROUTES: JSON.stringify(routes.main),
      API_SUBPACKAGE_ROUTES: JSON.stringify(routes.subpackages),
    },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // Dependency pre-bundling (dev only) would copy the workspace package out of reach of babel.
      prebundle: { exclude: ['@zlbg/shared'] },
    },
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      compile: { include: [sharedSource] },
      // Component styles are scoped by class, so the order pages pull them in does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      webpackChain(chain) {
        registerSubpackageRoutes(chain)
        leaveOutUnused(chain)
        chain.plugin('collapse-wxml-whitespace').use(CollapseWxmlWhitespace)
        chain.plugin('resolve-nutui-vars').use(ResolveNutuiVars, ['.wxss'])
        chain.plugin('zod-server-only').use(webpack.NormalModuleReplacementPlugin, [
          ZOD_SERVER_ONLY,
          (resource: { createData?: { resource?: string } }) => {
            // After resolution only: the absolute path tells zod's own file from anything else.
            if (resource.createData?.resource && ZOD_SERVER_ONLY.test(resource.createData.resource)) {
              resource.createData.resource = zodStub(resource.createData.resource)
            }
          },
        ])
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        [path.join(__dirname, 'postcssDropRtl.js')]: { enable: true },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSource] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        registerSubpackageRoutes(chain)
        leaveOutUnused(chain)
        chain.plugin('resolve-nutui-vars').use(ResolveNutuiVars, ['.css'])
        // Taro splits only initial chunks, so every lazily loaded page carried its own copy of the
        // NutUI components and their CSS; share them between pages instead.
        const splitChunks = chain.optimization.get('splitChunks') as Record<string, unknown>
        chain.optimization.splitChunks({ ...splitChunks, chunks: 'all' })
        // The entry carries React, Taro's runtime and zod (≈ 470 KB); warn only past a real budget.
        chain.performance.maxEntrypointSize(640 * 1024).maxAssetSize(512 * 1024)
      },
    },
  }
  return config
})
