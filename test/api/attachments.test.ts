import { createHash } from 'node:crypto'
import CFB from 'cfb'
import JSZip from 'jszip'
import { ATTACHMENT_MAX_BYTES } from '@zlbg/shared'
import { createLogger } from '../../server/src/logger'
import { attachmentPurgeJob } from '../../server/src/jobs/attachments'
import { counterOf } from '../../server/src/http/rateLimit'
import { UPLOAD_LIMIT } from '../../server/src/routes/attachments'
import { StorageMissError } from '../../server/src/storage'
import { browserUser, call, failure, wechatUser } from '../support/api'
import { buildOrganization } from '../support/factories'
import { startTestServer, testStorage, type TestServer } from '../support/server'

/** Uploads (issue #6, 附件): type from content, size limit, owned by the uploader until a form claims it. */
let t: TestServer
beforeAll(async () => {
  t = await startTestServer('attachments')
})
afterAll(() => t.close())
beforeEach(() => t.db.models.Counter.deleteMany({}))

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const MB = 1024 * 1024

/** A Word 2007+ document as Word writes it: a zip of [Content_Types].xml, _rels and word/document.xml. */
async function docx(): Promise<Buffer> {
  const zip = new JSZip()
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  )
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  )
  zip.file(
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      '<w:body><w:p><w:r><w:t>质量标杆申报表</w:t></w:r></w:p></w:body></w:document>',
  )
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}

async function plainZip(): Promise<Buffer> {
  const zip = new JSZip()
  zip.file('readme.txt', '不是 Word 文档')
  return zip.generateAsync({ type: 'nodebuffer' })
}

const pdf = (size = 0) => {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n', 'latin1')
  return size > head.length ? Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]) : head
}
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9])
/** An OLE compound file holding the given streams: an old .doc holds WordDocument, an .msi does not. */
function ole(streams: string[]): Buffer {
  const container = CFB.utils.cfb_new()
  for (const name of streams) CFB.utils.cfb_add(container, `/${name}`, Buffer.from('质量标杆'))
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array)
}
/** Word 97–2003: an OLE container with the WordDocument stream. */
const DOC = ole(['WordDocument', '1Table'])

async function upload(
  who: { token?: string },
  content: Buffer | undefined,
  { filename = 'file.bin', type = 'application/octet-stream', field = 'file' } = {},
) {
  const form = new FormData()
  if (content) form.append(field, new Blob([new Uint8Array(content)], { type }), filename)
  const res = await fetch(`${t.base}/api/attachments`, {
    method: 'POST',
    headers: who.token ? { authorization: `Bearer ${who.token}` } : {},
    body: form,
  })
  return { status: res.status, body: (await res.json()) as any }
}

describe('POST /api/attachments — the type is judged from the content, never the name', () => {
  test.each([
    ['a PDF', () => pdf(), '申报书.pdf', 'application/pdf'],
    ['a Word 2007+ document (docx)', docx, '申报书.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['an old Word document (doc, OLE)', () => DOC, '申报书.doc', 'application/msword'],
    ['a JPEG', () => JPEG, '证书.jpg', 'image/jpeg'],
    ['a PNG', () => PNG, '证书.png', 'image/png'],
    ['a JPEG named .jpeg', () => JPEG, '证书.jpeg', 'image/jpeg'],
  ])('%s is stored as 201 with its sniffed type', async (_label, make, filename, contentType) => {
    const who = await wechatUser(t)
    const content = await make()
    const res = await upload(who, content, { filename, type: 'image/jpeg' })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/), filename, contentType, size: content.length, uploadedAt: expect.stringMatching(ISO) })
    const record = await t.db.models.Attachment.findById(res.body.id).lean()
    expect(record).toMatchObject({ sha256: createHash('sha256').update(content).digest('hex'), size: content.length })
    expect(record!.uploadedBy.toHexString()).toBe(who.id)
    // Nobody's form has named it yet: it belongs to the uploader alone.
    expect(record!.owner?.id).toBeUndefined()
  })

  test.each([
    ['a text file renamed .pdf', () => Buffer.from('这只是一段文字，不是 PDF。'), '申报书.pdf', 'application/pdf'],
    ['a zip that is not a Word document', plainZip, '申报书.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['an HTML page named .png', () => Buffer.from('<!doctype html><script>alert(1)</script>'), '证书.png', 'image/png'],
    ['a GIF (an image, but not one we accept)', () => Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'a.gif', 'image/gif'],
  ])('%s is 415 FILE_TYPE_NOT_ALLOWED and nothing is kept', async (_label, make, filename, type) => {
    const who = await wechatUser(t)
    const before = await t.db.models.Attachment.countDocuments()
    const res = await upload(who, await make(), { filename, type })
    expect(res.status).toBe(415)
    expect(res.body).toEqual(failure('FILE_TYPE_NOT_ALLOWED'))
    expect(await t.db.models.Attachment.countDocuments()).toBe(before)
  })

  test('a file name is kept for display without any path, and never decides the type', async () => {
    // (see also "issue 12" below: the extension follows the content)
    const who = await wechatUser(t)
    const res = await upload(who, PNG, { filename: '..\\..\\etc/证书扫描件.png' })
    expect(res.status).toBe(201)
    expect(res.body.filename).toBe('证书扫描件.png')
    const record = await t.db.models.Attachment.findById(res.body.id).lean()
    expect(record!.storageKey).toMatch(new RegExp(`^attachments/\\d{4}/${res.body.id}$`))
  })
})

describe('POST /api/attachments — size limit (20 MB)', () => {
  test('a file of exactly 20 MB is accepted', async () => {
    const who = await wechatUser(t)
    const res = await upload(who, pdf(ATTACHMENT_MAX_BYTES), { filename: '整本.pdf' })
    expect(res.status).toBe(201)
    expect(res.body.size).toBe(ATTACHMENT_MAX_BYTES)
  })

  test('a 21 MB file is 413 FILE_TOO_LARGE, and the client reads the answer (no reset connection)', async () => {
    const who = await wechatUser(t)
    const before = await t.db.models.Attachment.countDocuments()
    const res = await upload(who, pdf(21 * MB), { filename: '太大.pdf' })
    expect(res.status).toBe(413)
    expect(res.body).toEqual(failure('FILE_TOO_LARGE'))
    expect(await t.db.models.Attachment.countDocuments()).toBe(before)
    // The connection is still good for the next request.
    expect((await upload(who, PNG)).status).toBe(201)
  })

  test('a 21 MB file sent without Content-Length (chunked) is cut off at the limit: 413', async () => {
    const who = await wechatUser(t)
    const boundary = '----zlbgboundary7MA4YWxkTrZu0gW'
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`)
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
    const chunk = Buffer.alloc(MB, 0x20)
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(Buffer.concat([head, pdf()]))
        if (sent < 21) controller.enqueue(chunk)
        else {
          controller.enqueue(tail)
          controller.close()
        }
        sent++
      },
    })
    const res = await fetch(`${t.base}/api/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual(failure('FILE_TOO_LARGE'))
    // The rest of the body was drained, not left stuck in a paused request.
    expect((await upload(who, PNG)).status).toBe(201)
  })
})

describe('POST /api/attachments — bad requests', () => {
  test('no file in the form is 400 naming the field', async () => {
    const who = await wechatUser(t)
    const res = await upload(who, undefined)
    expect(res.status).toBe(400)
    expect(res.body).toEqual(failure('VALIDATION_FAILED', { fields: [{ path: 'file', message: '请选择要上传的文件' }] }))
  })

  test('a file under another field name is 400 naming that part (the form holds `file` alone, issue 12 item 7)', async () => {
    const who = await wechatUser(t)
    const res = await upload(who, PNG, { field: 'scan' })
    expect(res.status).toBe(400)
    expect(res.body.error.fields).toEqual([{ path: 'scan', message: '不允许的字段「scan」' }])
  })

  test('an empty file is 400', async () => {
    const who = await wechatUser(t)
    const res = await upload(who, Buffer.alloc(0))
    expect(res.status).toBe(400)
  })

  test('a JSON body is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const who = await wechatUser(t)
    const res = await call(t, 'POST', '/api/attachments', { token: who.token, body: { file: 'JVBERi0xLjcK' } })
    expect(res.status).toBe(415)
    expect(res.body).toEqual(failure('UNSUPPORTED_MEDIA_TYPE'))
  })

  test('not signed in is 401, and the file is not read', async () => {
    const before = await t.db.models.Attachment.countDocuments()
    const res = await upload({}, pdf())
    expect(res.status).toBe(401)
    expect(res.body).toEqual(failure('UNAUTHENTICATED'))
    expect(await t.db.models.Attachment.countDocuments()).toBe(before)
  })

  test(`past ${UPLOAD_LIMIT.max} uploads in the hour one person gets 429 RATE_LIMITED with Retry-After`, async () => {
    const who = await wechatUser(t)
    const windowMs = UPLOAD_LIMIT.windowSeconds * 1000
    // Not within seconds of the window's end, so the seeded count and the request share one window.
    const left = windowMs - (Date.now() % windowMs)
    if (left < 5000) await new Promise((resolve) => setTimeout(resolve, left + 200))
    const now = Date.now()
    await t.db.models.Counter.create({ ...counterOf(`attachment.upload:user:${who.id}`, UPLOAD_LIMIT, now), count: UPLOAD_LIMIT.max - 1, updatedAt: new Date(now) })
    expect((await upload(who, PNG)).status).toBe(201)
    const res = await upload(who, PNG)
    expect(res.status).toBe(429)
    expect(res.body).toEqual(failure('RATE_LIMITED', { retryAfterSeconds: expect.any(Number) }))
    // Someone else is not held up.
    expect((await upload(await wechatUser(t), PNG)).status).toBe(201)
  })
})

describe('purge.unclaimedAttachments — uploads no form named are removed after a day', () => {
  const HOUR = 3_600_000
  test('only unclaimed uploads older than 24 h lose their bytes and records; a second run finds nothing', async () => {
    const storage = testStorage('attachment-purge')
    const { Attachment } = t.db.models
    // Today, so the uploads of the tests above (minutes old) are not in the way.
    const now = new Date()
    const ago = (ms: number) => new Date(now.getTime() - ms)
    const uploader = await wechatUser(t)
    const make = async (label: string, createdAt: Date, owner?: { type: 'organization'; id: string }) => {
      const doc = await Attachment.create({
        filename: `${label}.pdf`,
        contentType: 'application/pdf',
        size: 4,
        sha256: 'x'.repeat(64),
        storageKey: `attachments/2026/purge-${label}`,
        uploadedBy: uploader.id,
        ...(owner ? { owner } : {}),
      })
      // timestamps would stamp "now": set the age directly.
      await Attachment.collection.updateOne({ _id: doc._id }, { $set: { createdAt } })
      await storage.put(doc.storageKey, Buffer.from(label))
      return doc
    }
    const stale = await make('stale', ago(24 * HOUR + 1))
    const fresh = await make('fresh', ago(23 * HOUR))
    const claimed = await make('claimed', ago(30 * 24 * HOUR), { type: 'organization', id: '0123456789abcdef01234567' })
    // A record whose bytes are already gone (a run cut short after deleting them) is finished off.
    const halfDone = await make('half-done', ago(48 * HOUR))
    await storage.delete(halfDone.storageKey)

    const job = attachmentPurgeJob(storage)
    const ctx = { models: t.db.models, instanceId: 'test', logger: createLogger('silent'), now: () => now, signal: new AbortController().signal }
    expect(await job.run(ctx)).toBe('deleted 2')
    expect(await Attachment.exists({ _id: stale._id })).toBeNull()
    expect(await Attachment.exists({ _id: halfDone._id })).toBeNull()
    await expect(storage.get(stale.storageKey)).rejects.toBeInstanceOf(StorageMissError)
    expect(await Attachment.exists({ _id: fresh._id })).not.toBeNull()
    expect(await Attachment.exists({ _id: claimed._id })).not.toBeNull()
    expect((await storage.get(fresh.storageKey)).toString()).toBe('fresh')
    expect((await storage.get(claimed.storageKey)).toString()).toBe('claimed')
    expect(await job.run(ctx)).toBe('deleted 0')
  })
})

describe('issue 12, item 2: an upload’s name agrees with its content', () => {
  test.each([
    ['a PDF named 申报材料.hta (the probe)', () => pdf(), '申报材料.hta', '申报材料.pdf', 'application/pdf'],
    ['a PDF named .jpg and declared as an image', () => pdf(), '扫描件.jpg', '扫描件.pdf', 'application/pdf'],
    ['a PNG named .exe', () => PNG, 'setup.exe', 'setup.png', 'image/png'],
    ['a PNG without an extension', () => PNG, '证书扫描件', '证书扫描件.png', 'image/png'],
    ['a Word document named .docx', () => DOC, '申报书.docx', '申报书.doc', 'application/msword'],
    ['a right-to-left override hiding .exe (invoice\\u202Egnp.exe)', () => pdf(), 'invoice\u202egnp.exe', 'invoicegnp.pdf', 'application/pdf'],
    ['zero-width and bidi isolates in the name', () => PNG, '证\u200b书\u2066扫描\u2069件\ufeff.png', '证书扫描件.png', 'image/png'],
    ['full-width letters (NFKC)', () => PNG, 'ＩＳＯ证书.png', 'ISO证书.png', 'image/png'],
  ])('%s is stored with the detected type’s extension', async (_label, make, sent, stored, contentType) => {
    const who = await wechatUser(t)
    const res = await upload(who, await make(), { filename: sent })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ filename: stored, contentType })
  })

  test.each([
    ['an OLE container without a WordDocument stream named installer.msi (the probe)', () => ole(['SummaryInformation', '!_StringData']), 'installer.msi'],
    ['the same container named .doc', () => ole(['SummaryInformation']), '申报书.doc'],
    ['a bare OLE header with nothing behind it', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]), '申报书.doc'],
    ['an Excel workbook (an OLE container, but not Word)', () => ole(['Workbook']), '申报书.doc'],
  ])('%s is 415 FILE_TYPE_NOT_ALLOWED', async (_label, make, filename) => {
    const who = await wechatUser(t)
    const res = await upload(who, make(), { filename, type: 'application/msword' })
    expect(res.status).toBe(415)
    expect(res.body).toEqual(failure('FILE_TYPE_NOT_ALLOWED'))
  })

  test('the office downloads it as an attachment named with the detected type, with nosniff', async () => {
    const office = await browserUser(t, ['office'])
    const who = await wechatUser(t)
    const uploaded = await upload(who, pdf(), { filename: '申报材料.hta' })
    const org = await buildOrganization(t.db.models, { memberIds: [who.id] })
    await t.db.models.Attachment.updateOne({ _id: uploaded.body.id }, { $set: { owner: { type: 'organization', id: org._id } } })
    const res = await fetch(`${t.base}/api/organizations/${org._id.toHexString()}/attachments/${uploaded.body.id}`, {
      headers: { authorization: `Bearer ${office.token}` },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; /)
    expect(decodeURIComponent(res.headers.get('content-disposition')!)).toContain('申报材料.pdf')
    expect(res.headers.get('content-disposition')).not.toContain('.hta')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })
})
