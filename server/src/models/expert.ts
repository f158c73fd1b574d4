import mongoose, { Schema } from 'mongoose'
import { SECTORS, type Sector } from '@zlbg/shared'

/** One expert of the pool (第九条). `phone` is the key imports update by, so a re-import never duplicates. */
export interface ExpertRecord {
  _id: mongoose.Types.ObjectId
  name: string
  title: string
  employer: { name: string; creditCode: string }
  formerEmployers: { name: string; creditCode: string; endedOn: string }[]
  fields: string[]
  sectors: Sector[]
  industries: string[]
  competent: boolean
  phone: string
  email?: string
  active: boolean
  userId?: mongoose.Types.ObjectId
  createdAt: Date
  updatedAt: Date
}

const Employer = { _id: false, name: { type: String, required: true }, creditCode: { type: String, required: true } }

const ExpertSchema = new Schema<ExpertRecord>(
  {
    name: { type: String, required: true },
    title: { type: String, required: true },
    employer: { type: Employer, required: true },
    formerEmployers: { type: [{ ...Employer, endedOn: { type: String, required: true } }], default: [] },
    fields: { type: [String], default: [] },
    sectors: { type: [{ type: String, enum: SECTORS }], default: [] },
    industries: { type: [String], default: [] },
    competent: { type: Boolean, required: true, default: false },
    phone: { type: String, required: true },
    email: String,
    active: { type: Boolean, required: true, default: true },
    userId: Schema.Types.ObjectId,
  },
  { timestamps: true, strict: 'throw' },
)
ExpertSchema.index({ phone: 1 }, { unique: true })
ExpertSchema.index({ userId: 1 })
ExpertSchema.index({ active: 1, name: 1 })
ExpertSchema.index({ fields: 1 })
ExpertSchema.index({ 'employer.creditCode': 1 })

export const expertModel = (connection: mongoose.Connection) => connection.model<ExpertRecord>('Expert', ExpertSchema)

/** One xlsx import's report: kept so the office can download it again (nothing silently skipped). */
export interface ExpertImportRecord {
  _id: mongoose.Types.ObjectId
  filename: string
  at: Date
  byUserId?: mongoose.Types.ObjectId
  rows: number
  created: number
  updated: number
  failed: number
  problems: { row: number; name?: string; reasons: { column: string; message: string }[] }[]
}

const ExpertImportSchema = new Schema<ExpertImportRecord>(
  {
    filename: { type: String, required: true },
    at: { type: Date, required: true },
    byUserId: Schema.Types.ObjectId,
    rows: { type: Number, required: true },
    created: { type: Number, required: true },
    updated: { type: Number, required: true },
    failed: { type: Number, required: true },
    problems: { type: Schema.Types.Mixed, default: [] },
  },
  { strict: 'throw' },
)
ExpertImportSchema.index({ at: -1 })

export const expertImportModel = (connection: mongoose.Connection) => connection.model<ExpertImportRecord>('ExpertImport', ExpertImportSchema)
