/**
 * Stands in for lodash.kebabcase (≈ 4 KB minified, mostly Unicode word tables) in both builds. Its one
 * caller is NutUI's ConfigProvider, turning a `theme` prop's keys into CSS variable names; the app
 * renders no ConfigProvider, yet the module was bundled into the weapp main package with it. Should
 * a theme ever be passed, this fails at once rather than producing wrong variable names.
 */
module.exports = function kebabCase() {
  throw new Error('lodash.kebabcase is left out of the mini-program (config/kebabCaseUnused.js): NutUI ConfigProvider themes are not used')
}
