import {
  PROVINCE_LABELS,
  PUBLICITY_ENTRY_STATUS_LABELS,
  PUBLICITY_STATE_LABELS,
  publicityWindowDisplay,
  SECTOR_LABELS,
  type ProvinceCode,
  type PublicEntry,
  type Publicity,
  type Sector,
} from '@zlbg/shared'
import type { Models } from '../../models'
import type { PublicityEntryRecord, PublicityRecord } from '../../models/publicity'

type EntryFields = Pick<PublicityEntryRecord, 'organizationName' | 'title' | 'sector' | 'provinceCode'>

/** The public fields of an entry (or of a recommended application before the list exists): labels, never codes or ids of the application. */
export function publicEntryFields(e: EntryFields): Omit<PublicEntry, 'id' | 'status' | 'statusLabel'> {
  const sector = e.sector ? SECTOR_LABELS[e.sector as Sector] : undefined
  const region = e.provinceCode ? PROVINCE_LABELS[e.provinceCode as ProvinceCode] : undefined
  return { organizationName: e.organizationName, title: e.title, ...(sector ? { sector } : {}), ...(region ? { region } : {}) }
}

export function presentWindow(w: PublicityRecord['window']): Publicity['window'] {
  return {
    startDay: w.startDay,
    endDay: w.endDay,
    opensAt: w.opensAt.toISOString(),
    closesAt: w.closesAt.toISOString(),
    workingDays: [...w.workingDays],
    display: publicityWindowDisplay(w.opensAt, w.closesAt),
  }
}

/**
 * A list as anyone may see it (第十八条 with 第十三条): the snapshot taken when it was published — no
 * application id, no receipt, no score, and nothing about objections but an entry's public status.
 * No "open now" flag either: answers are cached, the client compares the instants with its clock.
 */
export function presentPublicity(doc: PublicityRecord, callTitle: string): Publicity {
  return {
    id: doc._id.toHexString(),
    callId: doc.callId.toHexString(),
    callTitle,
    state: doc.state,
    stateLabel: PUBLICITY_STATE_LABELS[doc.state],
    window: presentWindow(doc.window),
    contact: doc.contact,
    publishedAt: doc.publishedAt.toISOString(),
    ...(doc.closedAt ? { closedAt: doc.closedAt.toISOString() } : {}),
    entries: doc.entries.map((e) => ({
      id: e._id.toHexString(),
      ...publicEntryFields(e),
      status: e.status,
      statusLabel: PUBLICITY_ENTRY_STATUS_LABELS[e.status],
    })),
  }
}

/** The titles of the lists' calls, in one read. */
export async function callTitles(models: Models, docs: readonly Pick<PublicityRecord, 'callId'>[]): Promise<Map<string, string>> {
  const ids = [...new Set(docs.map((d) => d.callId.toHexString()))]
  const calls = await models.Call.find({ _id: { $in: ids } }, { title: 1 }).lean()
  return new Map(calls.map((c) => [c._id.toHexString(), c.title]))
}

export async function presentPublicities(models: Models, docs: readonly PublicityRecord[]): Promise<Publicity[]> {
  const titles = await callTitles(models, docs)
  return docs.map((d) => presentPublicity(d, titles.get(d.callId.toHexString()) ?? ''))
}
