import mongoose, { Schema } from 'mongoose'

/** Named counters that only ever grow (receipt numbers); unlike rate-limit counters, never purged. */
export interface SequenceRecord {
  _id: string
  value: number
}

const SequenceSchema = new Schema<SequenceRecord>({ _id: { type: String, required: true }, value: { type: Number, required: true } }, { strict: 'throw' })

export const sequenceModel = (connection: mongoose.Connection) => connection.model<SequenceRecord>('Sequence', SequenceSchema)
