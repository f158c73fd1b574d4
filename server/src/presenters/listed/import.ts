import { LISTED_IMPORT_STATE_LABELS, type ListedImportReport } from '@zlbg/shared'
import type { ListedImportRecord } from '../../models/listedImport'

/** An import of earlier years' lists as the office reads it: counts, progress, bad rows. */
export function presentListedImport(doc: ListedImportRecord): ListedImportReport {
  return {
    ...presentListedImportSummary(doc),
    problems: doc.problems.map((p) => ({ row: p.row, ...(p.name ? { name: p.name } : {}), reasons: p.reasons })),
  }
}

export function presentListedImportSummary(doc: ListedImportRecord): Omit<ListedImportReport, 'problems'> {
  return {
    id: doc._id.toHexString(),
    filename: doc.filename,
    at: doc.at.toISOString(),
    state: doc.state,
    stateLabel: LISTED_IMPORT_STATE_LABELS[doc.state],
    rows: doc.rows,
    processed: doc.processed,
    inserted: doc.inserted,
    existing: doc.existing,
    failed: doc.failed,
    linked: doc.linked,
    years: [...doc.years],
    ...(doc.error ? { error: doc.error } : {}),
  }
}
