import { CRITERION_HINTS, CRITERION_LABELS } from '@zlbg/shared'
import { MEASURES_TEXT } from './measuresText'
import { Boilerplate } from './text'

/** What of a call every applicant repeats: its own text and the directions (第五条) it announces. */
export interface CallText {
  title?: string
  body?: string
  keyFields?: readonly { title: string; description?: string }[]
}

/**
 * The boilerplate of an application to a call: the measures' wording, the 第六条 criteria headings
 * and the hints the form shows under them, the call's text, and the template text the office pasted
 * in the call's similarity settings (the application form's own headings and instructions).
 */
export function applicationBoilerplate(call: CallText, templateText = ''): Boilerplate {
  return new Boilerplate([
    MEASURES_TEXT,
    ...Object.values(CRITERION_LABELS),
    ...Object.values(CRITERION_HINTS),
    call.title ?? '',
    call.body ?? '',
    ...(call.keyFields ?? []).flatMap((k) => [k.title, k.description ?? '']),
    templateText,
  ])
}
