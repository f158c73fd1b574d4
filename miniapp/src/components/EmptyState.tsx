import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { STRINGS } from '../strings'
import { Button, Empty } from '../ui/nutui'
import './EmptyState.css'

export type EmptyKind = keyof typeof STRINGS.glyphs

export interface EmptyStateProps {
  kind: EmptyKind
  title: string
  description?: string
  /** Test hook and styling hook for the whole block. */
  className: string
  action?: { text: string; className: string; onClick: () => void }
  children?: ReactNode
}

/**
 * NutUI's Empty with a drawn illustration: its default pictures are fetched from a third-party CDN,
 * which neither an offline test run nor a mini-program without that domain should depend on.
 */
export function EmptyState({ kind, title, description, className, action, children }: EmptyStateProps) {
  return (
    <Empty
      className={`empty-state empty-state--${kind} ${className}`}
      image={
        <View className={`empty-illustration empty-illustration--${kind}`}>
          <Text className="empty-illustration-glyph">{STRINGS.glyphs[kind]}</Text>
        </View>
      }
      imageSize={80}
      title={title}
      description={description ?? ''}
    >
      {action ? (
        <View className="empty-state-action">
          <Button className={action.className} type="primary" fill="outline" onClick={action.onClick}>
            {action.text}
          </Button>
        </View>
      ) : null}
      {children}
    </Empty>
  )
}
