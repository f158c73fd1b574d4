import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import './Section.css'

/** A titled block of the detail page; `article` cites the measures (e.g. 第五条). */
export function Section({
  title,
  article,
  className,
  children,
}: {
  title: string
  article?: string
  className: string
  children: ReactNode
}) {
  return (
    <View className={`section ${className}`}>
      <View className="section-head">
        <Text className="section-title">{title}</Text>
        {article ? <Text className="section-article">{article}</Text> : null}
      </View>
      <View className="section-content">{children}</View>
    </View>
  )
}
