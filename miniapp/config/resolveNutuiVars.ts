import type { Compiler } from 'webpack'

/**
 * NutUI's stylesheets read every value through a theme variable with its default as the fallback —
 * `font-size: var(--nutui-button-default-font-size, var(--nutui-font-size-base, 28rpx))` — which
 * makes them about a third of the weapp main package's CSS. A variable that nothing sets always
 * computes to its fallback, so the build writes the fallback in its place, after looking at the
 * whole app: a `--nutui-…` variable declared in any emitted stylesheet (app.css's theme colours,
 * NutUI's own per-component ones) or named in any emitted script (inline styles) is kept as a
 * variable. Theming stays what it was: declare the variable in a stylesheet and it is kept.
 */
const PREFIX = '--nutui-'
const DECLARED = /(--nutui-[\w-]+)\s*:/g
const NAMED = /--nutui-[\w-]+/g

/** The position of the `)` closing the parenthesis opened just before `from`, or -1. */
function closing(css: string, from: number): number {
  let depth = 1
  for (let i = from; i < css.length; i++) {
    const c = css[i]
    if (c === '"' || c === "'") {
      const end = css.indexOf(c, i + 1)
      if (end < 0) return -1
      i = end
    } else if (c === '(') depth++
    else if (c === ')' && --depth === 0) return i
  }
  return -1
}

/** The first comma of `args` outside parentheses and quotes, or -1. */
function topLevelComma(args: string): number {
  let depth = 0
  for (let i = 0; i < args.length; i++) {
    const c = args[i]
    if (c === '"' || c === "'") {
      const end = args.indexOf(c, i + 1)
      if (end < 0) return -1
      i = end
    } else if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === ',' && depth === 0) return i
  }
  return -1
}

/** Replaces `var(--nutui-x, fallback)` by the fallback wherever --nutui-x is not in `kept`. */
export function resolveNutuiVars(css: string, kept: ReadonlySet<string>): string {
  let out = ''
  let at = 0
  for (;;) {
    const start = css.indexOf('var(', at)
    if (start < 0) return out + css.slice(at)
    const end = closing(css, start + 4)
    if (end < 0) return out + css.slice(at)
    const args = css.slice(start + 4, end)
    const comma = topLevelComma(args)
    const name = (comma < 0 ? args : args.slice(0, comma)).trim()
    out += css.slice(at, start)
    if (comma < 0) out += css.slice(start, end + 1)
    else {
      const fallback = resolveNutuiVars(args.slice(comma + 1), kept).trim()
      out += name.startsWith(PREFIX) && !kept.has(name) ? fallback : `var(${name},${fallback})`
    }
    at = end + 1
  }
}

/** Every `--nutui-` variable the app sets: declared in a stylesheet or named in a script. */
export function keptNutuiVars(stylesheets: string[], scripts: string[]): Set<string> {
  const kept = new Set<string>()
  for (const css of stylesheets) for (const m of css.matchAll(DECLARED)) kept.add(m[1]!)
  for (const js of scripts) for (const m of js.matchAll(NAMED)) kept.add(m[0])
  return kept
}

export class ResolveNutuiVars {
  constructor(private readonly styleExtension: string) {}

  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('ResolveNutuiVars', (compilation) => {
      // Before Taro copies the subpackages' shared chunks into each subpackage (stage ANALYSE).
      compilation.hooks.processAssets.tap({ name: 'ResolveNutuiVars', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE + 1 }, (assets) => {
        const names = Object.keys(assets)
        const text = (name: string) => assets[name]!.source().toString()
        const styles = names.filter((n) => n.endsWith(this.styleExtension))
        const kept = keptNutuiVars(styles.map(text), names.filter((n) => n.endsWith('.js')).map(text))
        for (const name of styles) {
          const css = text(name)
          const resolved = resolveNutuiVars(css, kept)
          if (resolved !== css) compilation.updateAsset(name, new sources.RawSource(resolved))
        }
      })
    })
  }
}
