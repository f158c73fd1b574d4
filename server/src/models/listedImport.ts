import mongoose, { Schema } from 'mongoose'
import { LISTED_IMPORT_STATES, type ImportRowProblem, type ListedImportState } from '@zlbg/shared'

/**
 * One import of earlier years' lists (第十九条) by the office: created as the rows start, its counts
 * raised as they are handled (the progress the office page shows), the bad rows and their reasons kept
 * for the downloadable report. Its ListedExperiences carry its id (`importId`).
 */
export interface ListedImportRecord {
  _id: mongoose.Types.ObjectId
  filename: string
  at: Date
  byUserId?: mongoose.Types.ObjectId
  state: ListedImportState
  rows: number
  processed: number
  inserted: number
  existing: number
  failed: number
  linked: number
  years: number[]
  problems: ImportRowProblem[]
  error?: string
  finishedAt?: Date
}

const ListedImportSchema = new Schema<ListedImportRecord>(
  {
    filename: { type: String, required: true },
    at: { type: Date, required: true },
    byUserId: Schema.Types.ObjectId,
    state: { type: String, enum: LISTED_IMPORT_STATES, required: true },
    rows: { type: Number, required: true },
    processed: { type: Number, required: true, default: 0 },
    inserted: { type: Number, required: true, default: 0 },
    existing: { type: Number, required: true, default: 0 },
    failed: { type: Number, required: true, default: 0 },
    linked: { type: Number, required: true, default: 0 },
    years: { type: [Number], default: [] },
    problems: { type: Schema.Types.Mixed, default: [] },
    error: String,
    finishedAt: Date,
  },
  { strict: 'throw', collection: 'listedimports' },
)
ListedImportSchema.index({ at: -1, _id: -1 })

export const listedImportModel = (connection: mongoose.Connection) => connection.model<ListedImportRecord>('ListedImport', ListedImportSchema)
