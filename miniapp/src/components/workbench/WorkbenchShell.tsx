import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Me } from '@zlbg/shared'
import { useDesktop } from '../../hooks/useDesktop'
import { PAGES } from '../../pagePaths'
import { navigationGroups, type WorkbenchArea, type WorkbenchAreaKey } from './areas'
import { WORKBENCH_STRINGS } from './strings'
import './workbench.css'

const S = WORKBENCH_STRINGS.nav

/** An area reached through the page (a call's applications): its link and the line under its name. */
export interface AreaContext {
  key: WorkbenchAreaKey
  url: string
  detail?: string
}

/** Side-navigation hops replace the page: the workbench's areas are siblings, not a stack. */
function openArea(url: string) {
  void Taro.redirectTo({ url })
}

function NavItem({ area, active, within, context }: { area: WorkbenchArea; active: boolean; within: boolean; context?: AreaContext }) {
  const url = area.url ?? (context?.key === area.key ? context.url : undefined)
  // An area without a page of its own appears only while the page supplies one.
  if (!url) return null
  const detail = context?.key === area.key ? context.detail : undefined
  return (
    <View
      className={`workbench-nav-item workbench-nav-${area.key}${active ? ' workbench-nav-item--active' : ''}${area.url ? '' : ' workbench-nav-item--nested'}`}
      onClick={active && !within ? undefined : () => openArea(url)}
    >
      <Text className="workbench-nav-item-title">{area.title}</Text>
      {detail ? <Text className="workbench-nav-item-detail">{detail}</Text> : null}
    </View>
  )
}

/**
 * The desktop workbench (H5, at least DESKTOP_MIN_WIDTH wide): the side navigation beside the page.
 * On a phone and in the mini-program the page is shown as it is.
 */
export function WorkbenchShell({
  me,
  area,
  context,
  within = false,
  children,
}: {
  me: Me
  /** The area this page belongs to: highlighted in the navigation. */
  area: WorkbenchAreaKey
  context?: AreaContext
  /** A page inside the area (one application of the queue): the area's entry leads back to its list. */
  within?: boolean
  children: ReactNode
}) {
  const desktop = useDesktop()
  if (!desktop) return <>{children}</>
  return (
    <View className="workbench workbench--desktop">
      <View className="workbench-nav">
        <Text className="workbench-nav-title">{S.title}</Text>
        {navigationGroups(me).map((group) => (
          <View key={group.group} className={`workbench-nav-group workbench-nav-group--${group.group}`}>
            <Text className="workbench-nav-group-title">{group.title}</Text>
            {group.areas.map((item) => (
              <NavItem key={item.key} area={item} active={item.key === area} within={within} context={context} />
            ))}
          </View>
        ))}
        <View className="workbench-nav-item workbench-nav-me" onClick={() => void Taro.switchTab({ url: PAGES.me })}>
          <Text className="workbench-nav-item-title">{S.me}</Text>
        </View>
      </View>
      <View className="workbench-main">{children}</View>
    </View>
  )
}
