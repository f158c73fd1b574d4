import type { ReactNode } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text } from '@tarojs/components'
import type { Me } from '@zlbg/shared'
import type { WorkbenchAreaKey } from '../../../components/workbench/areas'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { StaffOnly } from './StaffOnly'

/** A page about one call (?callId=…) in the workbench's `area`: staff only, the call's id handed to `children`. */
export function CallPage({ area, path, children }: { area: WorkbenchAreaKey; path: string; children: (callId: string) => ReactNode }) {
  const { params } = useRouter()
  const callId = params.callId
  return (
    <StaffOnly>
      {(me: Me) =>
        callId ? (
          <WorkbenchShell me={me} area={area} context={{ key: area, url: `${path}?callId=${encodeURIComponent(callId)}` }}>
            {children(callId)}
          </WorkbenchShell>
        ) : (
          <Text className="xp-hint">缺少征集通知</Text>
        )
      }
    </StaffOnly>
  )
}
