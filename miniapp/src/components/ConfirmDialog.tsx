import { useCallback, useState, type ReactElement } from 'react'
import { Text } from '@tarojs/components'
import { STRINGS } from '../strings'
import { Dialog } from '../ui/nutui'
import './ConfirmDialog.css'

export interface ConfirmOptions {
  title: string
  content: string
  confirmText?: string
  /** A destructive step (sign out, leave, disable, reset): the confirm button is red. */
  danger?: boolean
  /** Runs with the dialog open (its button spins); the dialog stays open if this throws. */
  onConfirm: () => Promise<void> | void
}

/**
 * A NutUI Dialog asking before an irreversible step. Test hooks: `.confirm-dialog`, its buttons
 * `.nut-dialog-footer-ok` / `.nut-dialog-footer-cancel`.
 */
export function useConfirm(): [ReactElement, (options: ConfirmOptions) => void] {
  const [options, setOptions] = useState<ConfirmOptions | null>(null)
  const [visible, setVisible] = useState(false)

  const confirm = useCallback((next: ConfirmOptions) => {
    setOptions(next)
    setVisible(true)
  }, [])
  const close = useCallback(() => setVisible(false), [])

  const dialog = (
    <Dialog
      className={`confirm-dialog${options?.danger ? ' confirm-dialog--danger' : ''}`}
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
      <Text className="confirm-dialog-content">{options?.content ?? ''}</Text>
    </Dialog>
  )
  return [dialog, confirm]
}
