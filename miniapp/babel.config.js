const path = require('node:path')

// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
  overrides: [
    {
      // The shared contract's top level is zod schemas and tables built by calls (z.strictObject(…),
      // .meta(…), Object.fromEntries(…)), which the minifier must assume have side effects: every
      // schema of a module the mini-program touches was bundled, used or not. Marked pure, the ones
      // no page uses are dropped (the server, which registers .meta ids for OpenAPI, never runs this
      // config). A module of shared/ must therefore not rely on a top-level assignment's side effect.
      // The workspace's own shared/ package (this repository's, next to miniapp/).
      test: path.resolve(__dirname, '..', 'shared', 'src'),
      plugins: ['annotate-pure-calls'],
    },
  ],
}
