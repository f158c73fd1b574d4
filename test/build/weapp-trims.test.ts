import postcss from 'postcss'
import { collapseBetweenTags } from '../../miniapp/config/collapseWxmlWhitespace'
import { keptNutuiVars, resolveNutuiVars } from '../../miniapp/config/resolveNutuiVars'
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

describe('NutUI theme variables nothing sets are written as their defaults', () => {
  const kept = new Set(['--nutui-color-primary'])

  test.each([
    ['an unset variable becomes its fallback', 'a{height:var(--nutui-button-height,64rpx)}', 'a{height:64rpx}'],
    ['nested fallbacks resolve to the innermost default', 'a{font-size:var(--nutui-a,var(--nutui-b,28rpx))}', 'a{font-size:28rpx}'],
    ['a set variable stays, its fallback resolved', 'a{color:var(--nutui-color-primary,var(--nutui-c,#fa2c19))}', 'a{color:var(--nutui-color-primary,#fa2c19)}'],
    ['a set variable inside an unset one survives as the fallback', 'a{color:var(--nutui-x,var(--nutui-color-primary,red))}', 'a{color:var(--nutui-color-primary,red)}'],
    ['a fallback with parentheses and commas is kept whole', 'a{background:var(--nutui-bg,linear-gradient(135deg,rgba(0,0,0,.1) 0%,#fff 100%))}', 'a{background:linear-gradient(135deg,rgba(0,0,0,.1) 0%,#fff 100%)}'],
    ['a variable without a fallback is left alone', 'a{color:var(--nutui-y)}', 'a{color:var(--nutui-y)}'],
    ['other variables are left alone', 'a{color:var(--zlbg-primary,#1a5aa8)}', 'a{color:var(--zlbg-primary,#1a5aa8)}'],
    ['several in one value', 'a{padding:var(--nutui-p,4px) var(--nutui-q,8px)}', 'a{padding:4px 8px}'],
    ['a quoted fallback with a parenthesis', 'a{content:var(--nutui-s,")")}', 'a{content:")"}'],
  ])('%s', (_name, css, out) => {
    expect(resolveNutuiVars(css, kept)).toBe(out)
  })

  test('kept: variables declared in any stylesheet or named in any script; not those only read', () => {
    const kept = keptNutuiVars(
      ['page{--nutui-color-primary:#1a5aa8}', '.nut-cell-group{--nutui-cell-box-shadow: none}.x{color:var(--nutui-read-only,red)}'],
      ['e.style={"--nutui-picker-item-height":h}'],
    )
    expect([...kept].sort()).toEqual(['--nutui-cell-box-shadow', '--nutui-color-primary', '--nutui-picker-item-height'])
  })
})

test('template whitespace: only the runs between tags go', () => {
  expect(collapseBetweenTags('<template name="t">\n  <text space="{{i.p4}}">\n    <template is="{{xs.a(c, item.nn, l)}}" />\n  </text>\n</template>\n')).toBe(
    '<template name="t"><text space="{{i.p4}}"><template is="{{xs.a(c, item.nn, l)}}" /></text></template>',
  )
  expect(collapseBetweenTags('<text>a b</text> <view>{{ x > 1 }}</view>')).toBe('<text>a b</text><view>{{ x > 1 }}</view>')
})
