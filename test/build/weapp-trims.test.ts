import postcss from 'postcss'
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dropRtl = require('../../miniapp/config/postcssDropRtl.js') as () => postcss.Plugin
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kebabCase = require('../../miniapp/config/kebabCaseUnused.js') as () => string

// What the weapp build leaves out of the bundle besides the route split (miniapp/config, README → Performance).
describe('NutUI right-to-left rules are dropped', () => {
  const run = (css: string) => postcss([dropRtl()]).process(css, { from: undefined }).css

  test.each([
    ['a .nut-rtl rule', '.nut-rtl .nut-button-text{margin:0}', ''],
    ['a [dir=rtl] rule', '[dir=rtl] .nut-overlay{left:0}', ''],
    ['a quoted [dir="rtl"] rule', '[dir="rtl"] .nut-cell{left:0}', ''],
    ['a -rtl modifier class', '.nut-cell-divider-rtl{right:0}', ''],
    ['both forms in one rule', '.nut-rtl .a,[dir=rtl] .a{margin:0}', ''],
    ['a left-to-right rule is kept', '.nut-button-text{margin:0}', '.nut-button-text{margin:0}'],
    ['a class merely containing rtl is kept', '.nut-rtlish{margin:0}', '.nut-rtlish{margin:0}'],
  ])('%s', (_name, css, kept) => {
    expect(run(css)).toBe(kept)
  })

  test('a rule shared with left-to-right selectors keeps those', () => {
    expect(run('.a,.nut-rtl .a{margin:0}')).toBe('.a{margin:0}')
  })
})

test('the lodash.kebabcase stand-in fails loudly if a NutUI theme ever needs it', () => {
  expect(() => kebabCase()).toThrow(/ConfigProvider themes are not used/)
})
