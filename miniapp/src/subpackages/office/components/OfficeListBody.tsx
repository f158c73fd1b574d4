import type { ReactNode } from 'react'
import { PagedListBody, SkeletonList, type PagedListBodyProps } from '../../../components/PagedListBody'

/** A workbench list: hooks `.<prefix>-loading`, `-error`, `-retry`, `-empty`, `-load-more`, `-end`. */
export function OfficeListBody<T>({
  skeletonRows,
  ...props
}: Omit<PagedListBodyProps<T>, 'loading' | 'footer'> & { skeletonRows: number; children: (item: T) => ReactNode }) {
  return (
    <PagedListBody
      {...props}
      loading={<SkeletonList className={`${props.prefix}-loading`} itemClassName="office-skeleton" rows={skeletonRows} />}
      footer={{ className: 'office-list-footer', endClassName: 'office-list-end' }}
    />
  )
}
