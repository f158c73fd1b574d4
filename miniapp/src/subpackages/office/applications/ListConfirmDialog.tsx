import { useCallback, useState, type ReactElement } from 'react'
import { Text, View } from '@tarojs/components'
import { STRINGS } from '../../../strings'
import { Dialog } from '../../../ui/nutui'

export interface ListConfirmItem {
  key: string
  text: string
  /** A second line, e.g. the reason sent with a 不符合 item. */
  note?: string
}

export interface ListConfirmOptions {
  title: string
  intro: string
  /** What the step applies to, listed one per line (batch rows, failed conditions, sections). */
  items: readonly ListConfirmItem[]
  confirmText: string
  danger?: boolean
  /** Runs with the dialog open (its button spins); the dialog stays open if this throws. */
  onConfirm: () => Promise<void> | void
}

/**
 * The confirm dialog (`.confirm-dialog`, as everywhere) with a list: a decision names exactly what it
 * is about before it is taken. Hooks: `.list-confirm-intro`, each `.list-confirm-item`.
 */
export function useListConfirm(): [ReactElement, (options: ListConfirmOptions) => void] {
  const [options, setOptions] = useState<ListConfirmOptions | null>(null)
  const [visible, setVisible] = useState(false)

  const confirm = useCallback((next: ListConfirmOptions) => {
    setOptions(next)
    setVisible(true)
  }, [])
  const close = useCallback(() => setVisible(false), [])

  const dialog = (
    <Dialog
      className={`confirm-dialog list-confirm-dialog${options?.danger ? ' confirm-dialog--danger' : ''}`}
      visible={visible}
      title={options?.title ?? ''}
      confirmText={options?.confirmText ?? STRINGS.common.confirm}
      cancelText={STRINGS.common.cancel}
      closeOnOverlayClick={false}
      onConfirm={async () => {
        await options?.onConfirm()
      }}
      onCancel={close}
      onClose={close}
    >
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
    </Dialog>
  )
  return [dialog, confirm]
}
