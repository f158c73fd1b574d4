import type { ApplicationState } from '@zlbg/shared'
import { THEME } from '../../theme'
import { Tag } from '../../ui/nutui'

/** Where the applicant has to act, or where the road ends, stands out; the rest is "in progress". */
const TONE: Partial<Record<ApplicationState, string>> = {
  draft: THEME.textTertiary,
  withdrawn: THEME.textTertiary,
  supplement_requested: THEME.warning,
  supplement_overdue: THEME.danger,
  ineligible: THEME.danger,
  not_shortlisted: THEME.danger,
  not_recommended: THEME.danger,
  objection_upheld: THEME.danger,
  not_approved: THEME.danger,
  removed: THEME.danger,
  qualified: THEME.success,
  shortlisted: THEME.success,
  recommended: THEME.success,
  publicity_passed: THEME.success,
  approved: THEME.success,
  published: THEME.success,
}

/** The applicant's stage (第十三条: the stage only, never scores or reviewers). Hook: `.<className>` and `--<state>`. */
export function StageTag({ state, label, className }: { state: ApplicationState; label: string; className: string }) {
  return (
    <Tag className={`zlbg-tag stage-tag ${className} ${className}--${state}`} plain background={TONE[state] ?? THEME.primary}>
      {label}
    </Tag>
  )
}
