/**
 * Prepends `import '<src/api/subpackageRoutes>'` to a module under src/subpackages/ (see
 * routeSplit.ts): the subpackages' route table registers before any of their code calls a route,
 * without each page having to remember it. On the same line, so source maps keep their lines.
 */
module.exports = function subpackageRoutesLoader(source) {
  const { module: registration } = this.getOptions()
  return `import ${JSON.stringify(registration)};${source}`
}
