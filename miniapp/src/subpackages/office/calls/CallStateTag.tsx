import type { CallState } from '@zlbg/shared'
import { THEME } from '../../../theme'
import { Tag } from '../../../ui/nutui'
import { CALL_STRINGS } from './strings'

const COLORS: Record<CallState, string> = {
  draft: THEME.warning,
  published: THEME.success,
  closed: THEME.textTertiary,
}

/** 草稿 / 已发布 / 已结束; `.call-state--<state>` beside the given class. */
export function CallStateTag({ state, className }: { state: CallState; className: string }) {
  return (
    <Tag className={`zlbg-tag ${className} call-state--${state}`} plain background={COLORS[state]}>
      {CALL_STRINGS.states[state]}
    </Tag>
  )
}
