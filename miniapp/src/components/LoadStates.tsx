import { View } from '@tarojs/components'
import type { ApiError } from '../api/errors'
import type { LoadedStatus } from '../hooks/useLoaded'
import { goBackOrHome } from '../navigation'
import { STRINGS } from '../strings'
import { Skeleton } from '../ui/nutui'
import { EmptyState } from './EmptyState'

export interface LoadStatesProps {
  /** The loader's status while there is nothing to show; 'ready' without an object is shown as a failure. */
  status: LoadedStatus
  error: ApiError | null
  onRetry: () => void
  /** While loading: a block `className` with a skeleton of so many rows per entry, each in a `boxClassName` box if given. */
  loading: { className: string; rows: readonly number[]; boxClassName?: string }
  /** Test hooks: the not-found block and its back button, the error block and its retry button. */
  classes: { notFound: string; back: string; error: string; retry: string }
  strings: { notFoundTitle: string; notFoundDescription: string; errorTitle: string }
}

/** What a page about one object (a call, an application, a profile) shows until that object is there. */
export function LoadStates({ status, error, onRetry, loading, classes, strings }: LoadStatesProps) {
  if (status === 'loading') {
    return (
      <View className={loading.className}>
        {loading.rows.map((rows, index) =>
          loading.boxClassName ? (
            <View key={index} className={loading.boxClassName}>
              <Skeleton rows={rows} size="small" animated />
            </View>
          ) : (
            <Skeleton key={index} rows={rows} size="small" animated />
          ),
        )}
      </View>
    )
  }
  if (status === 'notFound') {
    return (
      <EmptyState
        kind="notFound"
        className={classes.notFound}
        title={strings.notFoundTitle}
        description={strings.notFoundDescription}
        action={{ text: STRINGS.common.back, className: classes.back, onClick: goBackOrHome }}
      />
    )
  }
  return (
    <EmptyState
      kind="error"
      className={classes.error}
      title={strings.errorTitle}
      description={error?.message ?? STRINGS.network.failed}
      action={{ text: STRINGS.common.retry, className: classes.retry, onClick: () => void onRetry() }}
    />
  )
}
