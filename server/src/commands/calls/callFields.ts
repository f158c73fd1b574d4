import mongoose from 'mongoose'
import { DEFAULT_MAX_APPLICATIONS, DEFAULT_QUALITY_METHODS, type CallDraftSchema } from '@zlbg/shared'
import type { z } from 'zod'

export type CallFields = Omit<z.output<typeof CallDraftSchema>, 'correctionSummary'>

/** Where the i-th template's file is named in a call, for claiming uploads. */
export const templatePath = (i: number) => `templates.${i}.attachmentId`

export function withoutSummary<T extends { correctionSummary?: string }>(body: T): Omit<T, 'correctionSummary'> {
  const { correctionSummary: _summary, ...fields } = body
  return fields
}

/**
 * The form's fields as stored: the whole document the office saved. A field the form left out is
 * cleared (a draft saves as it stands), except the ones with a default, which fall back to it.
 */
export function storedFields(fields: CallFields): { set: Record<string, unknown>; unset: string[] } {
  const unset: string[] = []
  if (fields.body === undefined) unset.push('body')
  if (fields.contact === undefined) unset.push('contact')
  return {
    set: {
      year: fields.year,
      title: fields.title,
      ...(fields.body !== undefined ? { body: fields.body } : {}),
      keyFields: fields.keyFields ?? [],
      sectors: fields.sectors ?? [],
      schedule: (fields.schedule ?? []).map((m) => ({
        kind: m.kind,
        startsAt: new Date(m.startsAt),
        ...(m.endsAt ? { endsAt: new Date(m.endsAt) } : {}),
        ...(m.note ? { note: m.note } : {}),
      })),
      ...(fields.contact !== undefined ? { contact: fields.contact } : {}),
      maxApplicationsPerOrganization: fields.maxApplicationsPerOrganization ?? DEFAULT_MAX_APPLICATIONS,
      qualityMethods: fields.qualityMethods ?? [...DEFAULT_QUALITY_METHODS],
      templates: (fields.templates ?? []).map((t) => ({ attachmentId: new mongoose.Types.ObjectId(t.attachmentId), title: t.title })),
    },
    unset,
  }
}
