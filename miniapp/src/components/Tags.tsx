import { NAME_REVIEW_LABELS, SECTOR_LABELS, type NameReview, type Sector } from '@zlbg/shared'
import { STRINGS } from '../strings'
import { THEME } from '../theme'
import { Tag } from '../ui/nutui'
import './Tags.css'

/*
 * NutUI 3's `type="primary"` paints a gradient with the `background` shorthand, which wins over the
 * white fill of `plain`; outlined tags therefore use the default type with an explicit colour.
 */

export function YearTag({ year, className }: { year: number; className: string }) {
  return (
    <Tag className={`zlbg-tag ${className}`} type="primary">
      {STRINGS.callList.yearTag(year)}
    </Tag>
  )
}

export function SectorTag({ sector, className }: { sector: Sector; className: string }) {
  return (
    <Tag className={`zlbg-tag ${className}`} plain background={THEME.primary}>
      {SECTOR_LABELS[sector]}
    </Tag>
  )
}

export function ClosedTag({ className }: { className: string }) {
  return (
    <Tag className={`zlbg-tag ${className}`} background={THEME.mutedBackground} color={THEME.textTertiary}>
      {STRINGS.callList.closed}
    </Tag>
  )
}

export function NotOpenTag({ className }: { className: string }) {
  return (
    <Tag className={`zlbg-tag ${className}`} plain background={THEME.warning}>
      {STRINGS.common.notOpenYet}
    </Tag>
  )
}

/** An organization name still under review or rejected (第八条); nothing once passed. Hooks `.<className>`, `--<review>`. */
export function NameReviewTag({ review, className }: { review: NameReview; className: string }) {
  if (review === 'passed') return null
  return (
    <Tag className={`zlbg-tag ${className} ${className}--${review}`} plain background={review === 'rejected' ? THEME.danger : THEME.warning}>
      {NAME_REVIEW_LABELS[review]}
    </Tag>
  )
}
