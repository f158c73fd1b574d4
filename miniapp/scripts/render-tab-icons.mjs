// Renders the tab bar icons (81×81 PNG, the size WeChat recommends; tabBar icons cannot be SVG)
// from the outlines below, with the headless Chromium the browser tests use. Run from the repo root:
//   node miniapp/scripts/render-tab-icons.mjs
// Writes miniapp/src/assets/tab/<name>.png (grey) and <name>-active.png (primary blue), as palette PNGs.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { crc32, deflateSync, inflateSync } from 'node:zlib'

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

/** PNG filters undone (RFC 2083 §6), for 8-bit RGBA rows. */
function unfilter(raw, width, height) {
  const stride = width * 4
  const out = Buffer.alloc(stride * height)
  for (let y = 0, i = 0; y < height; y++) {
    const filter = raw[i++]
    for (let x = 0; x < stride; x++, i++) {
      const a = x >= 4 ? out[y * stride + x - 4] : 0
      const b = y > 0 ? out[(y - 1) * stride + x] : 0
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4] : 0
      const p = a + b - c
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]
      out[y * stride + x] = (raw[i] + predictor) & 255
    }
  }
  return out
}

const pngChunk = (type, data) => {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}

/**
 * Chromium writes 8-bit RGBA; an icon is one colour at ≤ 256 levels of coverage, so the same pixels
 * fit a palette with transparency at a third of the bytes, and the icons are in the main package.
 */
function toPalette(file) {
  const png = readFileSync(file)
  let ihdr
  const idat = []
  for (let i = 8; i < png.length; ) {
    const length = png.readUInt32BE(i)
    const type = png.toString('latin1', i + 4, i + 8)
    const data = png.subarray(i + 8, i + 8 + length)
    if (type === 'IHDR') ihdr = data
    if (type === 'IDAT') idat.push(data)
    i += 12 + length
  }
  const width = ihdr.readUInt32BE(0)
  const height = ihdr.readUInt32BE(4)
  if (ihdr[8] !== 8 || ihdr[9] !== 6 || ihdr[12] !== 0) return
  const pixels = unfilter(inflateSync(Buffer.concat(idat)), width, height)
  const index = new Map()
  for (let i = 0; i < pixels.length; i += 4) index.set(pixels.readUInt32BE(i), 0)
  if (index.size > 256) return
  // Opaque entries last, so the transparency table stops before them.
  const colours = [...index.keys()].sort((x, y) => ((x & 255) === 255) - ((y & 255) === 255))
  colours.forEach((c, i) => index.set(c, i))
  const rows = Buffer.alloc((width + 1) * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows[y * (width + 1) + 1 + x] = index.get(pixels.readUInt32BE((y * width + x) * 4))
  }
  const palette = Buffer.from(colours.flatMap((c) => [c >>> 24, (c >>> 16) & 255, (c >>> 8) & 255]))
  const alpha = Buffer.from(colours.map((c) => c & 255).filter((a) => a !== 255))
  const header = Buffer.from(ihdr)
  header[9] = 3
  const out = Buffer.concat([
    png.subarray(0, 8),
    pngChunk('IHDR', header),
    pngChunk('PLTE', palette),
    ...(alpha.length ? [pngChunk('tRNS', alpha)] : []),
    pngChunk('IDAT', deflateSync(rows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
  if (out.length < png.length) writeFileSync(file, out)
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
    toPalette(file)
    console.log(file)
  }
}
await browser.close()
