import mongoose, { Schema } from 'mongoose'
import {
  LISTED_SOURCES,
  LISTED_STATES,
  LISTING_STATES,
  REMOVAL_REASON_TYPES,
  REMOVAL_STATES,
  type ListedSource,
  type ListedState,
  type ListingState,
  type RemovalReasonType,
  type RemovalState,
} from '@zlbg/shared'
import { withPendingEffects } from './pendingEffects'

const oid = Schema.Types.ObjectId

/** Who signed a step, by name as it was at the time (第十九条、第二十一条: signed and audited). */
export interface Signature {
  by: mongoose.Types.ObjectId
  name: string
  at: Date
  note?: string
}
const SignatureSchema = new Schema<Signature>(
  { by: { type: oid, required: true }, name: { type: String, required: true }, at: { type: Date, required: true }, note: String },
  { _id: false, strict: 'throw' },
)

/**
 * A call's official list (第十九条), one per call (`callId` unique): created when the approver signs
 * the approval, published by the office (listingMachine). `approvedApplicationIds` are the entries
 * approved; `heldBack` the ones the approver held back, each with the reason. Publishing creates one
 * ListedExperience per approved application.
 */
export interface ListingRecord {
  _id: mongoose.Types.ObjectId
  callId: mongoose.Types.ObjectId
  year: number
  state: ListingState
  approval: Signature
  approvedApplicationIds: mongoose.Types.ObjectId[]
  heldBack: { applicationId: mongoose.Types.ObjectId; organizationName: string; title: string; reason: string }[]
  publication?: Signature
  createdAt: Date
  updatedAt: Date
}

const ListingSchema = new Schema<ListingRecord>(
  {
    callId: { type: oid, required: true },
    year: { type: Number, required: true },
    state: { type: String, enum: LISTING_STATES, required: true, default: 'approved' },
    approval: { type: SignatureSchema, required: true },
    approvedApplicationIds: { type: [oid], default: [] },
    heldBack: {
      type: [{ _id: false, applicationId: { type: oid, required: true }, organizationName: String, title: String, reason: { type: String, required: true } }],
      default: [],
    },
    publication: { type: SignatureSchema, default: undefined },
  },
  { timestamps: true, strict: 'throw', collection: 'listings' },
)
ListingSchema.index({ callId: 1 }, { unique: true })
ListingSchema.index({ state: 1, 'publication.at': -1 })
withPendingEffects(ListingSchema)

/**
 * One listed experience (第十九条), from a publication or an import of an earlier year. Never deleted:
 * a removal (第二十一条) sets `state: 'removed'` and `removal`. `key` makes creation idempotent and a
 * re-import a no-op: `app:<applicationId>` for a publication, `import:<year>:<org key>:<title key>` for
 * an imported row (listedKeys.ts).
 */
export interface ListedExperienceRecord {
  _id: mongoose.Types.ObjectId
  key: string
  year: number
  source: ListedSource
  state: ListedState
  listedOrganizationId: mongoose.Types.ObjectId
  organizationName: string
  creditCode?: string
  title: string
  summary?: string
  sector?: string
  provinceCode?: string
  callId?: mongoose.Types.ObjectId
  listingId?: mongoose.Types.ObjectId
  applicationId?: mongoose.Types.ObjectId
  /** The account-side organization, when one is known (publication; an import row whose credit code matches). */
  organizationId?: mongoose.Types.ObjectId
  importId?: mongoose.Types.ObjectId
  publishedAt?: Date
  removal?: { removalId: mongoose.Types.ObjectId; reasonType: RemovalReasonType; at: Date; announcementPublishedAt?: Date }
  createdAt: Date
  updatedAt: Date
}

const ListedExperienceSchema = new Schema<ListedExperienceRecord>(
  {
    key: { type: String, required: true },
    year: { type: Number, required: true },
    source: { type: String, enum: LISTED_SOURCES, required: true },
    state: { type: String, enum: LISTED_STATES, required: true, default: 'listed' },
    listedOrganizationId: { type: oid, required: true },
    organizationName: { type: String, required: true },
    creditCode: String,
    title: { type: String, required: true },
    summary: String,
    sector: String,
    provinceCode: String,
    callId: oid,
    listingId: oid,
    applicationId: oid,
    organizationId: oid,
    importId: oid,
    publishedAt: Date,
    removal: {
      type: new Schema(
        { removalId: { type: oid, required: true }, reasonType: { type: String, enum: REMOVAL_REASON_TYPES, required: true }, at: { type: Date, required: true }, announcementPublishedAt: Date },
        { _id: false, strict: 'throw' },
      ),
      default: undefined,
    },
  },
  { timestamps: true, strict: 'throw', collection: 'listedexperiences' },
)
ListedExperienceSchema.index({ key: 1 }, { unique: true })
// The public 名单: newest year first, then by organization within a year.
ListedExperienceSchema.index({ year: -1, organizationName: 1, _id: 1 })
ListedExperienceSchema.index({ listedOrganizationId: 1, year: -1 })
ListedExperienceSchema.index({ organizationId: 1, state: 1 })

/**
 * An organization as the list knows it, across years (第十九条、第二十条、第二十一条): the public page of
 * a listed organization and the office's obligations view start here. `key` is the credit code when
 * known, else `name:<name key>` (listedKeys.ts). `organizationId` links the account-side organization
 * whose members then hold `listed_org_member` while `listedCount` > 0.
 */
export interface ListedOrganizationRecord {
  _id: mongoose.Types.ObjectId
  key: string
  name: string
  /** nameKey(name): an import row without a credit code finds the organization by it. */
  nameKey: string
  creditCode?: string
  organizationId?: mongoose.Types.ObjectId
  provinceCode?: string
  years: number[]
  /** Experiences still listed, and removed ones: kept by refreshListedOrganization. */
  listedCount: number
  removedCount: number
  createdAt: Date
  updatedAt: Date
}

const ListedOrganizationSchema = new Schema<ListedOrganizationRecord>(
  {
    key: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    creditCode: String,
    organizationId: oid,
    provinceCode: String,
    years: { type: [Number], default: [] },
    listedCount: { type: Number, required: true, default: 0 },
    removedCount: { type: Number, required: true, default: 0 },
  },
  { timestamps: true, strict: 'throw', collection: 'listedorganizations' },
)
ListedOrganizationSchema.index({ key: 1 }, { unique: true })
ListedOrganizationSchema.index({ organizationId: 1 })
ListedOrganizationSchema.index({ nameKey: 1 })
ListedOrganizationSchema.index({ name: 1, _id: 1 })

/**
 * A removal (第二十一条) of one listed experience; see REMOVAL_STATES and removalMachine. `callId` is
 * the call whose committee's chair or vice chair confirms: the experience's own call, or for an
 * imported experience the call the office names when it starts the removal.
 */
export interface RemovalRecord {
  _id: mongoose.Types.ObjectId
  listedExperienceId: mongoose.Types.ObjectId
  callId: mongoose.Types.ObjectId
  reasonType: RemovalReasonType
  facts: string
  evidenceIds: mongoose.Types.ObjectId[]
  state: RemovalState
  /**
   * 'open' while proposed or awaiting the approver, `ended:<id>` once declined or withdrawn: unique with
   * the experience, so an experience has at most one open removal (no partial index on the engine).
   */
  slot: string
  proposal: Signature
  chairConfirmation?: Signature
  approverConfirmation?: Signature
  /** Who declined or withdrew it, and why. */
  ending?: Signature
  /** Drafted from the template at the approver's confirmation; the office edits, then publishes it. */
  announcement?: {
    number: string
    title: string
    body: string
    draftedAt: Date
    edited?: Signature
    published?: Signature
  }
  history: { state: RemovalState; at: Date }[]
  createdAt: Date
  updatedAt: Date
}

const RemovalSchema = new Schema<RemovalRecord>(
  {
    listedExperienceId: { type: oid, required: true },
    callId: { type: oid, required: true },
    reasonType: { type: String, enum: REMOVAL_REASON_TYPES, required: true },
    facts: { type: String, required: true },
    evidenceIds: { type: [oid], default: [] },
    state: { type: String, enum: REMOVAL_STATES, required: true, default: 'proposed' },
    slot: { type: String, required: true, default: 'open' },
    proposal: { type: SignatureSchema, required: true },
    chairConfirmation: { type: SignatureSchema, default: undefined },
    approverConfirmation: { type: SignatureSchema, default: undefined },
    ending: { type: SignatureSchema, default: undefined },
    announcement: {
      type: new Schema(
        {
          number: { type: String, required: true },
          title: { type: String, required: true },
          body: { type: String, required: true },
          draftedAt: { type: Date, required: true },
          edited: { type: SignatureSchema, default: undefined },
          published: { type: SignatureSchema, default: undefined },
        },
        { _id: false, strict: 'throw' },
      ),
      default: undefined,
    },
    history: { type: [{ _id: false, state: { type: String, enum: REMOVAL_STATES, required: true }, at: { type: Date, required: true } }], default: [] },
  },
  { timestamps: true, strict: 'throw', collection: 'removals' },
)
RemovalSchema.index({ listedExperienceId: 1, createdAt: -1 })
RemovalSchema.index({ listedExperienceId: 1, slot: 1 }, { unique: true })
RemovalSchema.index({ callId: 1, state: 1 })
RemovalSchema.index({ state: 1, updatedAt: -1 })
// Public announcements, newest first.
RemovalSchema.index({ 'announcement.published.at': -1 })
withPendingEffects(RemovalSchema)

export function listingModels(connection: mongoose.Connection) {
  return {
    Listing: connection.model<ListingRecord>('Listing', ListingSchema),
    ListedExperience: connection.model<ListedExperienceRecord>('ListedExperience', ListedExperienceSchema),
    ListedOrganization: connection.model<ListedOrganizationRecord>('ListedOrganization', ListedOrganizationSchema),
    Removal: connection.model<RemovalRecord>('Removal', RemovalSchema),
  }
}
