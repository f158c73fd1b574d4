import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { CallDraftSchema, fieldErrors } from '@zlbg/shared'
import { STRINGS } from '../../../strings'
import { Dialog } from '../../../ui/nutui'
import { ReasonField } from '../components/ReasonField'
import { CALL_STRINGS } from './strings'

const E = CALL_STRINGS.editor
/** The draft schema's own rule for the summary (at least 4 characters), required here. */
const SummarySchema = CallDraftSchema.shape.correctionSummary.unwrap()

/**
 * Asks for the 更正说明 before an edit of a published call is saved (第五条: corrections are public).
 * `onSubmit` resolves with an error for the summary field (the server's), or nothing when saved.
 * Hooks: `.office-call-correction-dialog`, `.office-call-correction` (field), OK / cancel as in ConfirmDialog.
 */
export function CorrectionDialog({
  visible,
  onSubmit,
  onClose,
}: {
  visible: boolean
  onSubmit: (summary: string) => Promise<string | undefined>
  onClose: () => void
}) {
  const [summary, setSummary] = useState('')
  const [error, setError] = useState<string | undefined>()
  useEffect(() => {
    if (visible) setError(undefined)
  }, [visible])

  return (
    <Dialog
      className="confirm-dialog office-call-correction-dialog"
      visible={visible}
      title={E.correctionTitle}
      confirmText={E.correctionConfirm}
      cancelText={STRINGS.common.cancel}
      closeOnOverlayClick={false}
      onConfirm={async () => {
        const parsed = SummarySchema.safeParse(summary)
        if (!parsed.success) {
          setError(fieldErrors(parsed.error)[0]?.message)
          // Keeps the dialog open (NutUI closes it only when onConfirm resolves).
          throw new Error('invalid summary')
        }
        const fieldError = await onSubmit(parsed.data)
        if (fieldError) {
          setError(fieldError)
          throw new Error('refused summary')
        }
        setSummary('')
      }}
      onCancel={onClose}
      onClose={onClose}
    >
      <View className="office-call-correction-body">
        <ReasonField
          className="office-call-correction"
          inputClassName="office-call-correction-input"
          label={E.correctionLabel}
          placeholder={E.correctionPlaceholder}
          maxLength={200}
          value={summary}
          error={error}
          onChange={setSummary}
          onClearError={() => setError(undefined)}
        />
        <Text className="office-call-correction-note">{E.correctionNote}</Text>
      </View>
    </Dialog>
  )
}
