import mongoose from 'mongoose'
import { RETENTION_TABLE, retentionCutoff } from '@zlbg/shared'
import { ERASED } from '../../server/src/jobs/retention'
import { jobRunnerFor, testClock } from '../support/notifications'
import { startTestServer, type TestServer } from '../support/server'

/**
 * 个人信息保护法 第十九条 with 第十八条: three years after the reply, an objection keeps its case and
 * handling and loses who objected — name, phone, contact person, the sealed letter (released for the
 * attachment purge). Not yet due, or not yet replied: kept. A second run changes nothing.
 */
let t: TestServer
beforeAll(async () => {
  t = await startTestServer('objections-retention')
})
afterAll(() => t.close())

const DAY = 86_400_000

test('objectors replied to three years ago are removed; the rest stay; run twice, removed once', async () => {
  const clock = testClock()
  const runner = jobRunnerFor(t, { instanceId: 'objections-retention', clock })
  const { Objection, Attachment } = t.db.models
  const cutoff = retentionCutoff(RETENTION_TABLE.objectors.period, clock.now())
  const oid = () => new mongoose.Types.ObjectId()
  const letter = await Attachment.create({ filename: '异议函.pdf', contentType: 'application/pdf', size: 8, sha256: 'x', storageKey: 'k', uploadedBy: oid(), owner: { type: 'objection', id: oid() } })
  let n = 0
  const objection = (state: string, replyAt?: Date) =>
    Objection.create({
      receiptNumber: `YY-RET-${++n}`,
      publicityId: oid(),
      callId: oid(),
      entryId: oid(),
      applicationId: oid(),
      filedBy: oid(),
      idempotencyKey: `retention-${n}`,
      filedAt: new Date(cutoff.getTime() - 30 * DAY),
      objector: { kind: 'organization', realName: '钱异议', phone: '13900000000', organizationName: '某协会', contactPerson: '孙联系', sealLetterId: letter._id },
      grounds: '留存期限测试的异议理由，足够长。',
      moderation: 'passed',
      state,
      ...(replyAt ? { reply: { text: '答复', sentBy: oid(), at: replyAt } } : {}),
    })
  const due = await objection('replied', new Date(cutoff.getTime() - 1))
  const recent = await objection('replied', new Date(cutoff.getTime() + DAY))
  const open = await objection('investigating')

  expect(await runner.runOnce(RETENTION_TABLE.objectors.enforcedBy.job)).toMatchObject({ ran: true, outcome: 'removed 1' })
  const after = await Objection.findById(due._id).lean()
  expect(after!.objector).toEqual({ kind: 'organization', realName: ERASED, phone: ERASED, organizationName: '某协会' })
  expect(after).toMatchObject({ grounds: due.grounds, state: 'replied', receiptNumber: due.receiptNumber })
  expect((await Attachment.findById(letter._id).lean())!.owner).toBeUndefined()
  for (const kept of [recent, open]) expect((await Objection.findById(kept._id).lean())!.objector.realName).toBe('钱异议')

  expect(await runner.runOnce(RETENTION_TABLE.objectors.enforcedBy.job)).toMatchObject({ ran: true, outcome: 'removed 0' })
})
