import type mongoose from 'mongoose'
import { Schema } from 'mongoose'
import { withPendingEffects } from './pendingEffects'

/**
 * One year's statutory arrangement as the office entered or confirmed it (第十八条 counts working
 * days): it takes precedence over the chinese-days library for that year. Keyed by the year ('2027').
 * Written only by commands/calendar/yearConfirmer.ts, its audit record riding in the same update.
 */
export interface WorkdayYearRecord {
  _id: string
  year: number
  holidays: { date: string; name: string }[]
  workdays: { date: string; name: string }[]
  /** The State Council notice (or other basis) the office confirmed it from. */
  basis: string
  confirmedBy: { userId?: mongoose.Types.ObjectId; displayName: string }
  confirmedAt: Date
  /** Bumped on every confirmation: two offices confirming at once do not overwrite each other silently. */
  revision: number
}

const Day = { _id: false, date: { type: String, required: true }, name: { type: String, required: true } }
const WorkdayYearSchema = new Schema<WorkdayYearRecord>(
  {
    _id: { type: String, required: true },
    year: { type: Number, required: true },
    holidays: { type: [Day], default: [] },
    workdays: { type: [Day], default: [] },
    basis: { type: String, required: true },
    confirmedBy: { userId: Schema.Types.ObjectId, displayName: { type: String, required: true } },
    confirmedAt: { type: Date, required: true },
    revision: { type: Number, required: true },
  },
  { strict: 'throw', collection: 'workday_years' },
)
withPendingEffects(WorkdayYearSchema)

export const workdayYearModel = (connection: mongoose.Connection) => connection.model<WorkdayYearRecord>('WorkdayYear', WorkdayYearSchema)
