import { deflateSync } from 'node:zlib'

/**
 * The default cover of every pushed article: WeChat refuses a news draft without a permanent image
 * (thumb_media_id). Drawn here rather than shipped as a file, so the compiled server needs no asset
 * path: the programme's blue with a lighter band, 900×383 (WeChat's 2.35:1 cover). The office can
 * change the cover on the platform before sending.
 */
export const COVER = { filename: 'zlbg-cover.png', contentType: 'image/png' } as const
const WIDTH = 900
const HEIGHT = 383

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

let cached: Buffer | undefined

export function coverPng(): Buffer {
  if (cached) return cached
  const header = Buffer.alloc(13)
  header.writeUInt32BE(WIDTH, 0)
  header.writeUInt32BE(HEIGHT, 4)
  header.writeUInt8(8, 8) // bit depth
  header.writeUInt8(2, 9) // truecolour RGB
  const rows = Buffer.alloc((WIDTH * 3 + 1) * HEIGHT)
  for (let y = 0; y < HEIGHT; y++) {
    const band = y > HEIGHT * 0.62 && y < HEIGHT * 0.7
    const [r, g, b] = band ? [0xf2, 0xb7, 0x05] : [0x1f - Math.floor(y / 40), 0x4e - Math.floor(y / 30), 0x8c - Math.floor(y / 20)]
    const row = y * (WIDTH * 3 + 1)
    for (let x = 0; x < WIDTH; x++) rows.set([r!, g!, b!], row + 1 + x * 3)
  }
  cached = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
  return cached
}
