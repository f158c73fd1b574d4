import mongoose from 'mongoose'
import { arrangementProblems, sortDays, type YearArrangementInput } from '@zlbg/shared'
import { isDuplicateKey } from '../../db/duplicateKey'
import { AppError, stateConflict } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { WorkdayYearRecord } from '../../models/workdays'
import { auditEffect, relayPendingEffects } from '../../outbox/relay'
import type { Actor } from '../../policies'

const describe = (a: Pick<WorkdayYearRecord, 'holidays' | 'workdays' | 'basis'>) =>
  `节假日 ${a.holidays.map((d) => `${d.date.slice(5)}${d.name}`).join('、')}；调休上班 ${a.workdays.map((d) => `${d.date.slice(5)}${d.name}`).join('、') || '无'}；依据：${a.basis}`

/**
 * The office enters or confirms one year's statutory arrangement (the State Council's notice, late in
 * the previous year), which then takes precedence over the library for that year — the working days
 * of 第十八条's publicity window are counted on it. Audited with the whole arrangement before and
 * after, in the same single-document write.
 */
export async function yearConfirmer({
  models,
  actor,
  year,
  input,
  logger,
  now = new Date(),
}: {
  models: Models
  actor: Actor
  year: number
  input: YearArrangementInput
  logger?: Logger
  now?: Date
}): Promise<void> {
  const problems = arrangementProblems(year, input)
  if (problems.length) throw new AppError('CALENDAR_ARRANGEMENT_INVALID', { fields: problems })
  const id = String(year)
  const existing = await models.WorkdayYear.findById(id, { pendingEffects: 0 }).lean<WorkdayYearRecord>()
  const fields = {
    year,
    holidays: sortDays(input.holidays),
    workdays: sortDays(input.workdays),
    basis: input.basis,
    confirmedBy: { ...(actor.userId ? { userId: new mongoose.Types.ObjectId(actor.userId) } : {}), displayName: actor.displayName ?? '办公室' },
    confirmedAt: now,
    revision: (existing?.revision ?? 0) + 1,
  }
  const pending = [
    auditEffect(`calendar:${id}:${fields.revision}`, actor, {
      action: 'calendar.confirmYear',
      resource: { type: 'calendarYear', id },
      ...(existing ? { from: describe(existing) } : {}),
      to: describe(fields),
      at: now,
    }, now),
  ]
  if (!existing) {
    try {
      await models.WorkdayYear.create({ _id: id, ...fields, pendingEffects: pending })
    } catch (err) {
      if (isDuplicateKey(err)) throw stateConflict('confirmed')
      throw err
    }
  } else {
    const done = await models.WorkdayYear.updateOne({ _id: id, revision: existing.revision }, { $set: fields, $push: { pendingEffects: { $each: pending } } })
    if (done.matchedCount === 0) throw stateConflict('confirmed')
  }
  await relayPendingEffects(models, models.WorkdayYear, id).catch((err) => logger?.warn({ err }, 'calendar relay failed; the relay job will finish it'))
}
