import mongoose, { Schema } from 'mongoose'

/**
 * One 统一社会信用代码 belongs to one organization: the one the office *verified* for it (issue 12 —
 * saving a code no longer takes it; competing claims wait side by side for the office). The code is
 * the `_id`, so uniqueness needs no partial or sparse index (the engine has neither).
 */
export interface CreditCodeClaimRecord {
  _id: string
  organizationId: mongoose.Types.ObjectId
  createdAt: Date
}

const CreditCodeClaimSchema = new Schema<CreditCodeClaimRecord>(
  {
    _id: { type: String, required: true },
    organizationId: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, strict: 'throw' },
)
CreditCodeClaimSchema.index({ organizationId: 1 })

export const creditCodeClaimModel = (connection: mongoose.Connection) =>
  connection.model<CreditCodeClaimRecord>('CreditCodeClaim', CreditCodeClaimSchema)
