import mongoose from 'mongoose'
import { callMachine, type CallDraftSchema } from '@zlbg/shared'
import type { z } from 'zod'
import { claimAttachments } from '../../attachments'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { CallRecord } from '../../models/call'
import type { Actor } from '../../policies'
import { applyCreate } from '../../workflow/transition'
import { storedFields, templatePath, withoutSummary } from './callFields'

/** A new call, a draft the office completes before publishing (第五条); recorded as it is created. */
export async function callCreator({
  models,
  actor,
  body,
  logger,
}: {
  models: Models
  actor: Actor
  body: z.output<typeof CallDraftSchema>
  logger?: Logger
}): Promise<CallRecord> {
  const _id = new mongoose.Types.ObjectId()
  const fields = withoutSummary(body)
  await claimAttachments(models, actor, fields.templates ?? [], { type: 'call', id: _id }, templatePath)
  const { set } = storedFields(fields)
  return applyCreate<CallRecord>({
    models,
    model: models.Call,
    resourceType: 'call',
    actor,
    doc: { _id, ...set, state: callMachine.initial },
    to: callMachine.initial,
    ...(logger ? { logger } : {}),
  })
}
