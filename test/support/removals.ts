import mongoose from 'mongoose'
import { applicationMachine } from '@zlbg/shared'
import { ensureListedOrganization, experienceKey, refreshListedOrganization } from '../../server/src/commands/listing/listedRecords'
import type { Models } from '../../server/src/models'
import type { CallRecord } from '../../server/src/models/call'
import type { ListedExperienceRecord } from '../../server/src/models/listing'
import { call } from './api'
import { buildApplication, buildCall, buildOrganization, type BuiltOrganization } from './factories'
import { buildExpert, committeeBody, type BuiltExpert } from './reviewFactories'
import type { TestServer } from './server'

/**
 * Fixtures for removal (第二十一条), made through the models as publication and the import would
 * leave them (those commands are built beside this one): a published application's listed experience
 * — its organization then listed — or an imported row of an earlier year, and a call's committee.
 */

let n = 0

/** A listed experience published from an application of `call` (the application moved to `published`). */
export async function buildPublishedExperience(models: Models, opts: { call?: CallRecord; organization?: BuiltOrganization; memberIds?: string[] } = {}) {
  const callDoc = opts.call ?? (await buildCall(models))
  const organization = opts.organization ?? (await buildOrganization(models, opts.memberIds ? { memberIds: opts.memberIds } : {}))
  const app = await buildApplication(models, { call: callDoc, organization, state: 'qualified' })
  const now = new Date()
  const history = applicationMachine.pathTo('published')!.map((state) => ({ state, at: now }))
  await models.Application.updateOne({ _id: app._id }, { $set: { state: 'published', history } })
  const listed = await ensureListedOrganization(models, { name: organization.name, creditCode: organization.profile!.creditCode, organizationId: organization._id })
  const experience = await models.ListedExperience.create({
    key: experienceKey.publication(app._id),
    year: callDoc.year,
    source: 'publication',
    state: 'listed',
    listedOrganizationId: listed._id,
    organizationName: organization.name,
    creditCode: organization.profile!.creditCode,
    title: app.content.title ?? '质量标杆典型经验',
    summary: '以数据驱动的质量改进方法在全公司推广。',
    callId: callDoc._id,
    applicationId: app._id,
    organizationId: organization._id,
    publishedAt: now,
  })
  await refreshListedOrganization(models, listed._id)
  return { call: callDoc, organization, application: app, experience: experience.toObject() as ListedExperienceRecord }
}

/** An experience imported from an earlier year's list: no call, no application, no account. */
export async function buildImportedExperience(models: Models, { year, name = `往年入选质量公司${++n}`, title = `往年典型经验${n}` }: { year: number; name?: string; title?: string }) {
  const listed = await ensureListedOrganization(models, { name })
  const experience = await models.ListedExperience.create({
    key: experienceKey.import(year, { name }, title),
    year,
    source: 'import',
    state: 'listed',
    listedOrganizationId: listed._id,
    organizationName: name,
    title,
    importId: new mongoose.Types.ObjectId(),
  })
  await refreshListedOrganization(models, listed._id)
  return experience.toObject() as ListedExperienceRecord
}

/** A committee for `callId` formed through the office's API: a chair and a vice chair with accounts, one group. */
export async function buildRemovalCommittee(t: TestServer, callId: string, office: string): Promise<{ chair: BuiltExpert; vice: BuiltExpert }> {
  const chair = await buildExpert(t, { name: `主任${++n}`, competent: true })
  const vice = await buildExpert(t, { name: `副主任${n}`, competent: true })
  const leader = await buildExpert(t, { name: `组长${n}` })
  const member = await buildExpert(t, { name: `委员${n}` })
  const body = committeeBody(chair.id, [vice.id], [{ name: '制造业组', leaderId: leader.id, memberIds: [member.id] }])
  const res = await call(t, 'PUT', `/api/office/calls/${callId}/committee`, { token: office, body })
  if (res.status !== 200) throw new Error(`committee: ${res.status} ${JSON.stringify(res.body)}`)
  return { chair, vice }
}
