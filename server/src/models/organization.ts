import mongoose, { Schema } from 'mongoose'
import { NAME_REVIEW_STATES, VERIFICATION_STATES, type NameReview, type OrganizationProfile, type VerificationState } from '@zlbg/shared'
import { withPendingEffects } from './pendingEffects'

/** An applicant organization (申报组织), its members and its profile (第八条). */
export interface OrganizationRecord {
  _id: mongoose.Types.ObjectId
  name: string
  /**
   * At least one of its experiences is on a published list and not removed (第十九条、第二十一条); kept
   * by refreshListedOrganization (commands/listing/listedRecords.ts). Its members then hold
   * `listed_org_member` and join exchange events (第二十条).
   */
  listed: boolean
  /** WeChat's content check of the name (free text shown to others): pending waits for the office. */
  nameReview: NameReview
  nameReviewReason?: string
  /** The name compared with other organizations' (nameKey in shared/text.ts): width, spaces, punctuation ignored. */
  nameKey?: string
  /**
   * The office's check of who the organization is (第八条(一), issue 12): its credit code against the
   * business licence scan. Reset to pending/unverified when the code or the scan changes.
   */
  verification?: { state: VerificationState; reason?: string; decidedAt?: Date; decidedBy?: mongoose.Types.ObjectId }
  members: { userId: mongoose.Types.ObjectId; joinedAt: Date; founder: boolean }[]
  /**
   * The profile as last saved, exactly as OrganizationProfileSchema output it (that schema is its
   * validator; applications copy it as their snapshot), except that its contacts are emptied when
   * their retention period runs (jobs/retention.ts). Its credit code is held in CreditCodeClaim.
   */
  profile?: OrganizationProfile
  profileUpdatedAt?: Date
  createdBy: mongoose.Types.ObjectId
  createdAt: Date
  updatedAt: Date
}

const OrganizationSchema = new Schema<OrganizationRecord>(
  {
    name: { type: String, required: true },
    listed: { type: Boolean, required: true, default: false },
    nameReview: { type: String, enum: NAME_REVIEW_STATES, required: true, default: 'passed' },
    nameReviewReason: { type: String },
    nameKey: { type: String },
    verification: {
      _id: false,
      state: { type: String, enum: VERIFICATION_STATES, required: true, default: 'unverified' },
      reason: { type: String },
      decidedAt: { type: Date },
      decidedBy: { type: Schema.Types.ObjectId },
    },
    members: [
      {
        _id: false,
        userId: { type: Schema.Types.ObjectId, required: true },
        joinedAt: { type: Date, required: true },
        founder: { type: Boolean, required: true, default: false },
      },
    ],
    // Checked whole by the zod schema on every save; a mongoose copy of its shape would only drift.
    profile: { type: Schema.Types.Mixed },
    profileUpdatedAt: { type: Date },
    createdBy: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true, strict: 'throw' },
)
OrganizationSchema.index({ 'members.userId': 1 })
// A name review's audit record and member notices are written with the decision itself (pendingEffects.ts).
withPendingEffects(OrganizationSchema)
OrganizationSchema.index({ name: 1 })
OrganizationSchema.index({ nameReview: 1, createdAt: -1 })
OrganizationSchema.index({ nameKey: 1 })
OrganizationSchema.index({ 'profile.creditCode': 1 })
OrganizationSchema.index({ 'verification.state': 1 })

export const organizationModel = (connection: mongoose.Connection) =>
  connection.model<OrganizationRecord>('Organization', OrganizationSchema)
