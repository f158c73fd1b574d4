import type { ReactElement } from 'react'
import { Text, View } from '@tarojs/components'
import { useConfirmDialog, type ConfirmDialogOptions } from '../../../components/ConfirmDialog'

export interface ListConfirmItem {
  key: string
  text: string
  /** A second line, e.g. the reason sent with a 不符合 item. */
  note?: string
}

export interface ListConfirmOptions extends ConfirmDialogOptions {
  intro: string
  /** What the step applies to, listed one per line (batch rows, failed conditions, sections). */
  items: readonly ListConfirmItem[]
  confirmText: string
}

function listBody(options: ListConfirmOptions | null) {
  return (
    <View className="list-confirm">
      <Text className="list-confirm-intro">{options?.intro ?? ''}</Text>
      <View className="list-confirm-items">
        {(options?.items ?? []).map((item) => (
          <View key={item.key} className="list-confirm-item">
            <Text className="list-confirm-item-text">{item.text}</Text>
            {item.note ? <Text className="list-confirm-item-note">{item.note}</Text> : null}
          </View>
        ))}
      </View>
    </View>
  )
}

/**
 * The confirm dialog (`.confirm-dialog`, as everywhere) with a list: a decision names exactly what it
 * is about before it is taken. Hooks: `.list-confirm-intro`, each `.list-confirm-item`.
 */
export function useListConfirm(): [ReactElement, (options: ListConfirmOptions) => void] {
  return useConfirmDialog(listBody, 'list-confirm-dialog')
}
