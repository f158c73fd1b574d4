import type { Compiler } from 'webpack'

/**
 * Removes the indentation between tags of the templates Taro writes (base.wxml, ≈ 45 KB of the main
 * package, and every page's .wxml). WeChat's template compiler ignores whitespace-only text between
 * tags — Taro's own output relies on it, indenting child templates even inside <text> — so this
 * changes no page. Taro's `minifyXML` option would do more, but its html-minifier drops the end tag
 * of <input>, which WeChat refuses (NervJS/taro#10848, #11928).
 */
export const BETWEEN_TAGS = />\s+</g

export function collapseBetweenTags(wxml: string): string {
  return wxml.replace(BETWEEN_TAGS, '><').trim()
}

export class CollapseWxmlWhitespace {
  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('CollapseWxmlWhitespace', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'CollapseWxmlWhitespace', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE },
        (assets) => {
          for (const name of Object.keys(assets)) {
            if (!name.endsWith('.wxml')) continue
            const source = assets[name]!.source().toString()
            compilation.updateAsset(name, new sources.RawSource(collapseBetweenTags(source)))
          }
        },
      )
    })
  }
}
