import { Text } from '@tarojs/components'
import { AttachmentPicker } from '../../../../components/AttachmentPicker'
import { errorAt } from '../../../../hooks/pathErrors'
import { Card } from '../../components'
import { ORG_STRINGS } from '../../strings'
import type { AttachedFile } from '@zlbg/shared'
import type { StepProps } from './types'

const S = ORG_STRINGS.edit

/** 附件: files uploaded at once; the step saves as soon as one is added. */
export function AttachmentsStep({
  form,
  errors,
  update,
  readOnly,
  onOpen,
  saveNow,
}: StepProps & { onOpen: (file: AttachedFile) => void; saveNow: () => void }) {
  return (
    <Card className="edit-attachments" title={S.steps[4]} hint={S.attachmentsIntro}>
      <AttachmentPicker
        className="application-attachments"
        value={form.attachments}
        disabled={readOnly('attachments')}
        onOpen={onOpen}
        titleErrors={Object.fromEntries(form.attachments.map((_, i) => [i, errorAt(errors, `attachments.${i}`)]))}
        onChange={(attachments) => {
          update({ attachments }, 'attachments')
          // A new file is worth saving at once: the upload is already on the server.
          void Promise.resolve().then(saveNow)
        }}
      />
      {errors.attachments ? <Text className="form-field-error">{errors.attachments}</Text> : null}
    </Card>
  )
}
