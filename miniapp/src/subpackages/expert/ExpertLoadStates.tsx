import type { LoadedState } from '../../hooks/useLoaded'
import { LoadStates, type LoadStatesProps } from '../../components/LoadStates'

const EXPERT_CLASSES = { notFound: 'expert-not-found', back: 'expert-back', error: 'expert-error', retry: 'expert-retry' }

/**
 * LoadStates for the expert pages, with the test hooks they all share. `page`: it stands for the whole
 * page (it carries the page's `expert` class itself) rather than inside one.
 */
export function ExpertLoadStates({
  loaded,
  rows,
  page = false,
  strings,
}: {
  loaded: Pick<LoadedState<unknown>, 'status' | 'error' | 'reload'>
  rows: readonly number[]
  page?: boolean
  strings: LoadStatesProps['strings']
}) {
  return (
    <LoadStates
      status={loaded.status}
      error={loaded.error}
      onRetry={() => void loaded.reload()}
      loading={{ className: page ? 'expert expert-loading' : 'expert-loading', rows }}
      classes={EXPERT_CLASSES}
      strings={strings}
    />
  )
}
