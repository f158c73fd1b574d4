/**
 * Drops NutUI's right-to-left rules (`.nut-rtl …`, `[dir=rtl] …`, `.nut-…-rtl`) from the weapp
 * stylesheets: they apply only under a ConfigProvider with direction="rtl", which this Chinese-only
 * app never renders, and they cost the main package ≈ 1.4 KB. A rule listing other selectors too
 * keeps those.
 */
const RTL = /\[dir=["']?rtl["']?\]|\.nut-rtl(?![\w-])|\.[\w-]+-rtl(?![\w-])/

module.exports = () => ({
  postcssPlugin: 'zlbg-drop-rtl',
  Rule(rule) {
    if (!RTL.test(rule.selector)) return
    const kept = rule.selectors.filter((selector) => !RTL.test(selector))
    if (kept.length === 0) rule.remove()
    else rule.selectors = kept
  },
})
module.exports.postcss = true
