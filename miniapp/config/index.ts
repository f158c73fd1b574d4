import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import { dotenvParse } from '@tarojs/helper'

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

/** NutUI is drawn at 375 px; our own styles at the Taro default of 750 px. */
function designWidth(input?: string | number | { file?: string }): number {
  const file = typeof input === 'object' && input ? input.file : undefined
  if (file && file.replace(/\\+/g, '/').includes('/@nutui/')) return 375
  return 750
}

export default defineConfig<'webpack5'>((_merge, { mode }) => {
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
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: ['@tarojs/plugin-html'],
    defineConstants: {
      API_BASE_URL: JSON.stringify(apiBaseUrl(mode)),
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
      postcss: {
        pxtransform: { enable: true, config: {} },
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
