import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

/** A workbench's title row: `.office-title`, then its total (children), then actions on the right. */
export function OfficeHeader({ title, actions, children }: { title: string; actions?: ReactNode; children?: ReactNode }) {
  return (
    <View className="office-header">
      <View className="office-header-text">
        <Text className="office-title">{title}</Text>
        {children}
      </View>
      {actions}
    </View>
  )
}
