import mongoose, { Schema } from 'mongoose'
import {
  APPLICATION_STATES,
  type ApplicationDraft,
  type ApplicationState,
  type OrganizationProfile,
  type Precheck,
  type ReviewFinding,
  type Sector,
  type SupplementSection,
} from '@zlbg/shared'
import { withPendingEffects } from './pendingEffects'

/**
 * An application (申报) of one organization to one call. `content` is what the applicant writes
 * (ApplicationDraftSchema; complete once submitted); `profileSnapshot` is the organization profile
 * as submitted, so later profile edits do not change what was reviewed.
 */
export interface ApplicationRecord {
  _id: mongoose.Types.ObjectId
  callId: mongoose.Types.ObjectId
  organizationId: mongoose.Types.ObjectId
  state: ApplicationState
  /**
   * Which of the call's per-organization places (第八条 limit, call.maxApplicationsPerOrganization) it
   * holds: '1'…'n' while it counts, `released:<id>` once withdrawn. Unique with call and organization.
   */
  slot: string
  content: ApplicationDraft
  receiptNumber?: string
  submittedAt?: Date
  profileSnapshot?: OrganizationProfile
  /** Copied at submission for the office's filters. */
  organizationName?: string
  sector?: Sector
  provinceCode?: string
  creditCode?: string
  /** The automatic pre-check (第八条, 第七条), rerun on each resubmission. */
  precheck?: Precheck
  /** The reviewer's finding per condition, with who and when (office only). */
  findings?: (ReviewFinding & { by: string; byUserId: mongoose.Types.ObjectId; at: Date })[]
  supplement?: { sections: SupplementSection[]; message: string; deadline: Date; requestedAt: Date }
  ineligibleReasons?: { condition: string; reason: string }[]
  /**
   * Set with the submission (and each resubmission) in the same update, cleared once the similarity
   * check (第二十一条) has run on that content: a check cut short by a crash is found and run again.
   */
  similarityDueAt?: Date
  /** Dates of each stage the applicant may see (第十三条: no actors here). */
  history: { state: ApplicationState; at: Date }[]
  createdBy: mongoose.Types.ObjectId
  createdAt: Date
  updatedAt: Date
}

const ApplicationSchema = new Schema<ApplicationRecord>(
  {
    callId: { type: Schema.Types.ObjectId, required: true },
    organizationId: { type: Schema.Types.ObjectId, required: true },
    state: { type: String, enum: APPLICATION_STATES, required: true, default: 'draft' },
    slot: { type: String, required: true },
    content: { type: Schema.Types.Mixed, required: true, default: {} },
    receiptNumber: String,
    submittedAt: Date,
    profileSnapshot: Schema.Types.Mixed,
    organizationName: String,
    sector: String,
    provinceCode: String,
    creditCode: String,
    precheck: Schema.Types.Mixed,
    findings: { type: [Schema.Types.Mixed], default: undefined },
    supplement: {
      _id: false,
      type: {
        sections: [String],
        message: String,
        deadline: Date,
        requestedAt: Date,
      },
    },
    ineligibleReasons: { type: [{ _id: false, condition: String, reason: String }], default: undefined },
    similarityDueAt: Date,
    history: { type: [{ _id: false, state: { type: String, enum: APPLICATION_STATES }, at: Date }], default: [] },
    createdBy: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true, strict: 'throw', minimize: false },
)
ApplicationSchema.index({ callId: 1, organizationId: 1, slot: 1 }, { unique: true })
ApplicationSchema.index({ organizationId: 1, createdAt: -1 })
ApplicationSchema.index({ callId: 1, state: 1, submittedAt: 1 })
ApplicationSchema.index({ state: 1, 'supplement.deadline': 1 })
ApplicationSchema.index({ similarityDueAt: 1 })
withPendingEffects(ApplicationSchema)

export const applicationModel = (connection: mongoose.Connection) =>
  connection.model<ApplicationRecord>('Application', ApplicationSchema)
