import mongoose, { Schema } from 'mongoose'

/** An applicant organization (申报组织) and its members; the profile fields come with applications. */
export interface OrganizationRecord {
  _id: mongoose.Types.ObjectId
  name: string
  /** Set when one of its experiences is published (第十九条); listed members join exchange events (第二十条). */
  listed: boolean
  members: { userId: mongoose.Types.ObjectId; joinedAt: Date; founder: boolean }[]
  createdBy: mongoose.Types.ObjectId
  createdAt: Date
  updatedAt: Date
}

const OrganizationSchema = new Schema<OrganizationRecord>(
  {
    name: { type: String, required: true },
    listed: { type: Boolean, required: true, default: false },
    members: [
      {
        _id: false,
        userId: { type: Schema.Types.ObjectId, required: true },
        joinedAt: { type: Date, required: true },
        founder: { type: Boolean, required: true, default: false },
      },
    ],
    createdBy: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true, strict: 'throw' },
)
OrganizationSchema.index({ 'members.userId': 1 })
OrganizationSchema.index({ name: 1 })

export const organizationModel = (connection: mongoose.Connection) =>
  connection.model<OrganizationRecord>('Organization', OrganizationSchema)
