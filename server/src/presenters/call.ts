import {
  applicationWindow,
  FREE_OF_CHARGE_STATEMENT,
  type CallDetail,
  type CallSummary,
  type Milestone,
} from '@zlbg/shared'
import type { CallRecord } from '../models/call'

const iso = (d: Date) => d.toISOString()

function milestones(doc: CallRecord): Milestone[] {
  return doc.schedule.map((m) => ({
    kind: m.kind,
    startsAt: iso(m.startsAt),
    ...(m.endsAt ? { endsAt: iso(m.endsAt) } : {}),
    ...(m.note ? { note: m.note } : {}),
  }))
}

export function presentCallSummary(doc: CallRecord): CallSummary {
  return {
    id: doc._id.toHexString(),
    year: doc.year,
    title: doc.title,
    sectors: doc.sectors,
    state: doc.state,
    applicationWindow: applicationWindow(milestones(doc)),
    publishedAt: iso(doc.publishedAt!),
  }
}

export function presentCallDetail(doc: CallRecord): CallDetail {
  const schedule = milestones(doc)
  const c = doc.contact
  return {
    id: doc._id.toHexString(),
    year: doc.year,
    title: doc.title,
    body: doc.body,
    keyFields: doc.keyFields.map((k) => ({ title: k.title, description: k.description ?? '' })),
    sectors: doc.sectors,
    schedule,
    contact: {
      department: c.department,
      ...(c.person ? { person: c.person } : {}),
      ...(c.phone ? { phone: c.phone } : {}),
      ...(c.email ? { email: c.email } : {}),
      ...(c.address ? { address: c.address } : {}),
    },
    state: doc.state,
    applicationWindow: applicationWindow(schedule),
    freeOfChargeStatement: FREE_OF_CHARGE_STATEMENT,
    publishedAt: iso(doc.publishedAt!),
    updatedAt: iso(doc.updatedAt),
  }
}
