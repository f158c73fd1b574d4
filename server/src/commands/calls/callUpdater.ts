import { CallInputSchema, callMachine, type CallDraftSchema } from '@zlbg/shared'
import type { z } from 'zod'
import { claimAttachments } from '../../attachments'
import { ruleFailed, stateConflict } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { CallRecord } from '../../models/call'
import type { Actor } from '../../policies'
import { callInputOf, problemsBeforePublishing } from '../../presenters/calls/call'
import { callResource } from '../../workflow/call'
import { applyAction } from '../../workflow/transition'
import { publicChange } from '../../db/publicVersion'
import { storedFields, templatePath, withoutSummary, type CallFields } from './callFields'

/**
 * Saves the office's form. What that means is the machine's (shared/src/workflow/call.ts): a draft
 * takes any change (`update`); a published call takes a correction (`correct`, 第五条) that says
 * publicly what changed and leaves the call complete; a closed call takes none (409). The change and
 * its audit record are one conditional update on the state it was read in, so a draft save never
 * lands in a call published meanwhile.
 */
export async function callUpdater({
  models,
  actor,
  doc,
  body,
  logger,
  now = new Date(),
}: {
  models: Models
  actor: Actor
  doc: CallRecord
  body: z.output<typeof CallDraftSchema>
  logger?: Logger
  now?: Date
}): Promise<CallRecord> {
  const verb = callMachine.actionTable[doc.state]?.update ? 'update' : callMachine.actionTable[doc.state]?.correct ? 'correct' : undefined
  if (!verb) throw stateConflict(doc.state)
  let fields: CallFields
  let push: Record<string, unknown> = {}
  if (verb === 'update') {
    fields = withoutSummary(body)
  } else {
    const summary = body.correctionSummary
    if (!summary) throw ruleFailed([{ path: 'correctionSummary', message: '发布后修改须填写更正说明（公开显示）' }])
    const merged = { ...callInputOf(doc), ...Object.fromEntries(Object.entries(withoutSummary(body)).filter(([, v]) => v !== undefined)) }
    const checked = CallInputSchema.safeParse(merged)
    // A published call is judged whole (stored fields and these): rules the document cannot state, 422.
    if (!checked.success) throw ruleFailed(problemsBeforePublishing(merged))
    fields = checked.data
    push = { corrections: { at: now, summary } }
  }
  await claimAttachments(models, actor, fields.templates ?? [], { type: 'call', id: doc._id }, templatePath)
  const { set, unset } = storedFields(fields)
  const save = () =>
    applyAction({
      ...callResource(models),
      id: doc._id,
      action: verb,
      actor,
      ...(verb === 'correct' ? { reason: body.correctionSummary! } : {}),
      // The form was judged against the state it was read in: only on that state does it apply.
      where: { state: doc.state },
      set,
      unset,
      push,
      ...(logger ? { logger } : {}),
      now,
    })
  // A correction is public (第五条): bracketed by the public-read cache's stamp; a draft's edits are not.
  return verb === 'correct' ? publicChange(models.Call.db, 'calls', save, logger ? { logger } : {}) : save()
}
