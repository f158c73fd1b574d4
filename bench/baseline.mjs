// The bench's yardstick: a bare Koa app answering each measured URL with the very bytes the server
// answered, from memory. `node bench/baseline.mjs PORT BODIES.json`; it exits when its stdin closes,
// so it cannot outlive the bench that started it.
import { readFileSync } from 'node:fs'
import Koa from 'koa'

const [port, file] = process.argv.slice(2)
/** @type {Record<string, { type: string; body: string }>} url (path and query) → content type and base64 body */
const answers = JSON.parse(readFileSync(file, 'utf8'))
const bodies = new Map(Object.entries(answers).map(([url, a]) => [url, { type: a.type, body: Buffer.from(a.body, 'base64') }]))

const app = new Koa()
app.use((ctx) => {
  const answer = bodies.get(ctx.url)
  if (!answer) return
  ctx.type = answer.type
  ctx.body = answer.body
})
app.listen(Number(port), '127.0.0.1', () => console.log(`baseline listening on 127.0.0.1:${port}`))

process.stdin.on('end', () => process.exit(0))
process.stdin.resume()
