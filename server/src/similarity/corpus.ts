import mongoose from 'mongoose'
import { CRITERIA, DEFAULT_SIMILARITY_THRESHOLD, type ApplicationDraft, type SimilarityField } from '@zlbg/shared'
import type { Models } from '../models'
import type { SimilarityFingerprintRecord } from '../models/similarity'
import { align, type Alignment } from './align'
import { applicationBoilerplate, type CallText } from './boilerplate'
import { storeFingerprint } from './buckets'
import { documentBands } from './minhash'
import { prepare, type Boilerplate, type DocumentField, type PreparedDocument } from './text'

/**
 * The documents the check compares against (第二十一条), in the `similarity_fingerprints` collection:
 * every submitted application (of this call and of earlier ones — a published experience of an earlier
 * call is its application, already here) and every experience of an earlier year's list imported with
 * its summary (commands/listedImport, through `indexPublishedExperience`).
 */

/** The texts of an application that are compared, in a fixed order. */
export function applicationFields(content: ApplicationDraft | undefined): DocumentField[] {
  const fields: DocumentField[] = []
  if (content?.summary) fields.push({ field: 'summary', text: content.summary })
  for (const c of CRITERIA) {
    const text = content?.criteria?.[c]
    if (text) fields.push({ field: c, text })
  }
  return fields
}

export const isSimilarityField = (f: string): f is SimilarityField => f === 'summary' || (CRITERIA as readonly string[]).includes(f)

/** An experience published in an earlier year, as an imported list holds it (第十九条). */
export interface PublishedExperience {
  id: mongoose.Types.ObjectId
  year: number
  title: string
  organizationName: string
  organizationId?: mongoose.Types.ObjectId
  fields: DocumentField[]
}

/** Adds (or refreshes) a published experience in what new submissions are compared with. Idempotent. */
export async function indexPublishedExperience(models: Models, experience: PublishedExperience, now = new Date()): Promise<void> {
  // No call of its own here: the measures and the criteria are its boilerplate.
  const prepared = prepare(experience.fields, applicationBoilerplate({}))
  await storeFingerprint(models, experience.id, {
    kind: 'published',
    year: experience.year,
    ...(experience.organizationId ? { organizationId: experience.organizationId } : {}),
    organizationName: experience.organizationName,
    title: experience.title,
    fields: experience.fields,
    countedChars: prepared.length,
    bands: documentBands(prepared),
    checkedAt: now,
  })
}

/** The boilerplate and threshold a call's applications are checked with. */
export async function callSimilarityContext(models: Models, callId: mongoose.Types.ObjectId | string) {
  const [call, settings] = await Promise.all([
    models.Call.findById(callId, { title: 1, body: 1, keyFields: 1, year: 1 }).lean<CallText & { year: number }>(),
    models.SimilaritySettings.findById(callId).lean(),
  ])
  return {
    call,
    boilerplate: applicationBoilerplate(call ?? {}, settings?.templateText ?? ''),
    thresholdPercent: settings?.thresholdPercent ?? DEFAULT_SIMILARITY_THRESHOLD,
  }
}

/**
 * Pairs sharing less than this (either way) are not recorded: stock clauses (经过三年实践，…组织全员参与…)
 * put a few per cent into any two narratives of the same trade.
 */
export const REPORT_MIN_SHARE = 0.1

/** Candidates confirmed by passage alignment: the ones sharing at least REPORT_MIN_SHARE either way. */
export function confirmed<C extends Pick<SimilarityFingerprintRecord, 'fields'>>(
  self: PreparedDocument,
  candidates: readonly C[],
  boilerplate: Boilerplate,
): { candidate: C; found: Alignment }[] {
  return candidates.flatMap((candidate) => {
    const found = align(self, prepare(candidate.fields, boilerplate))
    return Math.max(found.shareOfA, found.shareOfB) >= REPORT_MIN_SHARE ? [{ candidate, found }] : []
  })
}
