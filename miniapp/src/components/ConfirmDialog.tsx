import { useCallback, useState, type ReactElement, type ReactNode } from 'react'
import { Text } from '@tarojs/components'
import { STRINGS } from '../strings'
import { Dialog } from '../ui/nutui'
import './ConfirmDialog.css'

/** What every confirm dialog takes, whatever it shows in its body. */
export interface ConfirmDialogOptions {
  title: string
  confirmText?: string
  /** A destructive step (sign out, leave, disable, reset): the confirm button is red. */
  danger?: boolean
  /** Runs with the dialog open (its button spins); the dialog stays open if this throws. */
  onConfirm: () => Promise<void> | void
}

export interface ConfirmOptions extends ConfirmDialogOptions {
  content: string
}

/**
 * A NutUI Dialog asking before a step, with a body drawn from the options it was opened with; `className`
 * is added to `.confirm-dialog`. Test hooks: `.confirm-dialog`, its buttons `.nut-dialog-footer-ok` /
 * `.nut-dialog-footer-cancel`.
 */
export function useConfirmDialog<O extends ConfirmDialogOptions>(
  body: (options: O | null) => ReactNode,
  className = '',
): [ReactElement, (options: O) => void] {
  const [options, setOptions] = useState<O | null>(null)
  const [visible, setVisible] = useState(false)

  const confirm = useCallback((next: O) => {
    setOptions(next)
    setVisible(true)
  }, [])
  const close = useCallback(() => setVisible(false), [])

  const dialog = (
    <Dialog
      className={`confirm-dialog${className ? ` ${className}` : ''}${options?.danger ? ' confirm-dialog--danger' : ''}`}
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
      {body(options)}
    </Dialog>
  )
  return [dialog, confirm]
}

function confirmBody(options: ConfirmOptions | null): ReactNode {
  return <Text className="confirm-dialog-content">{options?.content ?? ''}</Text>
}

/** The confirm dialog before an irreversible step: a title and one line of text. */
export function useConfirm(): [ReactElement, (options: ConfirmOptions) => void] {
  return useConfirmDialog(confirmBody)
}
