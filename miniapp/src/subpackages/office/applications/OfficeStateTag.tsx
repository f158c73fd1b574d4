import type { ApplicationState } from '@zlbg/shared'
import { THEME } from '../../../theme'
import { Tag } from '../../../ui/nutui'
import { officeStateLabel } from './labels'

/** Stages of qualification review (第十五条) that ask for the office's attention stand out. */
const STATE_COLORS: Partial<Record<ApplicationState, string>> = {
  submitted: THEME.primary,
  qualification_review: THEME.warning,
  supplement_requested: THEME.warning,
  supplement_overdue: THEME.danger,
  qualified: THEME.success,
  ineligible: THEME.danger,
}

/** An application's state as the office sees it, in the list and on the review page. Hook: `.<className>`. */
export function OfficeStateTag({ state, className }: { state: ApplicationState; className: string }) {
  return (
    <Tag className={`zlbg-tag ${className}`} plain background={STATE_COLORS[state] ?? THEME.textTertiary}>
      {officeStateLabel(state)}
    </Tag>
  )
}
