// Renders the tab bar icons (81×81 PNG, the size WeChat recommends; tabBar icons cannot be SVG)
// from the outlines below, with the headless Chromium the browser tests use. Run from the repo root:
//   node miniapp/scripts/render-tab-icons.mjs
// Writes miniapp/src/assets/tab/<name>.png (grey) and <name>-active.png (primary blue).
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const { chromium } = require('playwright-core')
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/assets/tab')

const COLORS = { normal: '#6b7280', active: '#1a5aa8' }
/** 24×24 outlines, stroked. */
const ICONS = {
  home: '<path d="M3.5 10.5 12 3.5l8.5 7"/><path d="M5.5 9v11h13V9"/><path d="M10 20v-5.5h4V20"/>',
  publicity:
    '<path d="M4 9.5v5h3l6 4.5v-14L7 9.5z"/><path d="M16.5 9a4 4 0 0 1 0 6"/><path d="M18.8 6.5a7.5 7.5 0 0 1 0 11"/>',
  listing:
    '<rect x="4.5" y="3.5" width="15" height="17" rx="2"/><path d="M8 8.5h8"/><path d="M8 12h8"/><path d="M8 15.5h5"/>',
  events:
    '<rect x="3.5" y="5" width="17" height="15.5" rx="2"/><path d="M3.5 10h17"/><path d="M8 3v4"/><path d="M16 3v4"/><path d="M8 14h3"/>',
  me: '<circle cx="12" cy="8" r="4"/><path d="M4.5 20.5a7.5 7.5 0 0 1 15 0"/>',
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
const page = await browser.newPage({ viewport: { width: 81, height: 81 }, deviceScaleFactor: 1 })
for (const [name, shape] of Object.entries(ICONS)) {
  for (const [variant, color] of Object.entries(COLORS)) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="81" height="81" fill="none"
      stroke="${color}" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round">${shape}</svg>`
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`)
    const file = path.join(outDir, variant === 'active' ? `${name}-active.png` : `${name}.png`)
    await page.locator('svg').screenshot({ path: file, omitBackground: true })
    console.log(file)
  }
}
await browser.close()
