import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import type { Removal, RemovalDecision } from '@zlbg/shared'
import { toApiError } from '../../api/errors'
import { useConfirm } from '../ConfirmDialog'
import { FormField } from '../FormField'
import { Button } from '../../ui/nutui'
import './removals.css'

/**
 * The chair's or the approver's decision on a removal (第二十一条): confirm (an optional note) or
 * decline (reasons required), each after a confirmation dialog saying what follows.
 */
export function RemovalDecisionForm({
  r,
  who,
  consequence,
  decide,
  onDecided,
}: {
  r: Removal
  who: string
  /** What confirming does, for the dialog. */
  consequence: string
  decide: (id: string, body: { decision: RemovalDecision; reason?: string }) => Promise<Removal>
  onDecided: (r: Removal) => void
}) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [dialog, confirm] = useConfirm()
  const send = (decision: RemovalDecision) =>
    confirm({
      title: decision === 'confirm' ? '确认移除' : '不予确认',
      content: decision === 'confirm' ? consequence : '不予确认后本次移除程序结束，该经验仍在名单中。此决定不能撤回。',
      confirmText: `${who}签署`,
      danger: decision === 'confirm',
      onConfirm: async () => {
        setError(undefined)
        try {
          onDecided(await decide(r.id, { decision, ...(reason.trim() ? { reason: reason.trim() } : {}) }))
          void Taro.showToast({ title: '已签署', icon: 'none' })
        } catch (e) {
          const apiError = toApiError(e)
          setError(apiError.fields[0]?.message ?? apiError.message)
        }
      },
    })
  return (
    <View className="removal-card removal-decide">
      <Text className="removal-title">{`${who}意见`}</Text>
      <FormField className="removal-reason" label="意见（确认时可选；不予确认时必填）" error={error}>
        <Textarea className="removal-textarea" value={reason} maxlength={1000} autoHeight onInput={(e) => setReason(e.detail.value)} />
      </FormField>
      <View className="removal-buttons">
        <Button className="removal-confirm" type="danger" onClick={() => send('confirm')}>
          确认移除
        </Button>
        <Button className="removal-decline" onClick={() => send('decline')}>
          不予确认
        </Button>
      </View>
      {dialog}
    </View>
  )
}
