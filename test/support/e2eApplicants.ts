import { Types } from 'mongoose'
import type { ApplicationContent, CallDetail, CallPage, Session } from '@zlbg/shared'
import type { Database } from '../../server/src/db/connection'
import { call as callApi, type Reply } from './api'
import { e2eBase } from './browser'
import { completeContent, validProfile, type ProfileOptions } from './factories'

/** Browser tests' way of filling a queue: organizations apply through the API as the mini-program would. */

/** The API of the server the browser uses. */
export const e2eApi = <T = any>(method: string, path: string, options: { token?: string; body?: unknown } = {}) =>
  callApi<T>({ base: e2eBase() }, method, path, options)

export async function expectStatus<T>(reply: Promise<Reply<T>>, status: number, what: string): Promise<T> {
  const r = await reply
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}

export const PDF = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n', 'latin1')
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

/** POST /api/attachments as the mini-program's picker sends a file (multipart field `file`). */
export async function upload(token: string, content: Buffer, filename: string, type: string): Promise<string> {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(content)], { type }), filename)
  const res = await fetch(`${e2eBase()}/api/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
  const body = (await res.json()) as { id: string }
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(body)}`)
  return body.id
}

/**
 * Creates organizations straight in the database, as their founders would have: the address limit
 * on POST /api/organizations (20 an hour, shared by every e2e file) would refuse a queue's worth.
 */
export function organizationsIn(db: Database) {
  return async (userId: string, name: string): Promise<string> => {
    const founder = new Types.ObjectId(userId)
    const org = await db.models.Organization.create({
      name,
      nameReview: 'passed',
      members: [{ userId: founder, joinedAt: new Date(), founder: true }],
      createdBy: founder,
    })
    return org._id.toHexString()
  }
}

const signIns = new Map<string, number>()

export interface Applicant {
  key: string
  name: string
  applicationId: string
  receiptNumber: string
  token: string
}

/** A seeded call whose application window is open now, in full. */
export async function openDemoCall(now = new Date()): Promise<CallDetail> {
  const calls = await expectStatus(e2eApi<CallPage>('GET', '/api/calls?page=1&pageSize=10'), 200, 'calls')
  const at = now.toISOString()
  const open = calls.items.find((c) => c.applicationWindow.opensAt <= at && at < c.applicationWindow.closesAt)
  if (!open) throw new Error('no seeded call takes applications today')
  return expectStatus(e2eApi<CallDetail>('GET', `/api/calls/${open.id}`), 200, 'call')
}

/**
 * An organization applies as a new WeChat user would: sign in (the stand-in takes ASCII codes: the
 * person is the part before the dot), create, profile, draft, submit (第十四条); with `files`, a
 * certificate scan (第八条(三)) and an application attachment too.
 */
export async function submitApplication(
  call: CallDetail,
  {
    key,
    person,
    name,
    profile = {},
    files = false,
    content: contentChanges = {},
    submit = true,
    createOrganization,
  }: {
    key: string
    person: string
    name: string
    /** `null`: the organization declares nothing (submitting answers PROFILE_INCOMPLETE). */
    profile?: ProfileOptions | null
    files?: boolean
    /** Content changes before the draft is saved (e.g. a method the call does not offer). */
    content?: Partial<ApplicationContent>
    /** Stop at the saved draft. */
    submit?: boolean
    /** Instead of POST /api/organizations (limited to 20 an hour per address, shared by every e2e file). */
    createOrganization?: (userId: string, name: string) => Promise<string>
  },
): Promise<Applicant> {
  // Each code works once: the same person signs in again with the next one.
  const attempt = (signIns.get(person) ?? 0) + 1
  signIns.set(person, attempt)
  const session = await expectStatus(e2eApi<Session>('POST', '/api/auth/wechat', { body: { code: `${person}.${attempt}` } }), 200, 'sign in')
  const token = session.token
  const org = createOrganization
    ? { id: await createOrganization(session.me.id, name) }
    : await expectStatus(e2eApi<{ id: string }>('POST', '/api/organizations', { token, body: { name } }), 201, 'organization')
  if (profile !== null) {
    const declared = validProfile({ callYear: call.year, ...profile })
    if (files) declared.iso9001.scan = { attachmentId: await upload(token, PNG, '证书.png', 'image/png'), title: 'ISO 9001 证书' }
    await expectStatus(e2eApi('PUT', `/api/organizations/${org.id}/profile`, { token, body: declared }), 200, 'profile')
  }
  const application = await expectStatus(
    e2eApi<{ id: string }>('POST', '/api/applications', { token, body: { callId: call.id, organizationId: org.id } }),
    201,
    'application',
  )
  const content = { ...completeContent(call.qualityMethods.slice(0, 2)), ...contentChanges }
  if (files) content.attachments = [{ attachmentId: await upload(token, PDF, '申报书.pdf', 'application/pdf'), title: '申报书' }]
  await expectStatus(e2eApi('PUT', `/api/applications/${application.id}/draft`, { token, body: content }), 200, 'draft')
  if (!submit) return { key, name, applicationId: application.id, receiptNumber: '', token }
  const receipt = await expectStatus(
    e2eApi<{ receiptNumber: string }>('POST', `/api/applications/${application.id}/submit`, { token }),
    200,
    'submit',
  )
  return { key, name, applicationId: application.id, receiptNumber: receipt.receiptNumber, token }
}
