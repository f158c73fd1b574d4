import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatDateTime, type ResponseOf } from '@zlbg/shared'
import { callApi } from '../../../api/client'
import { toApiError } from '../../../api/errors'
import { AttachmentPicker, type AttachmentItem } from '../../../components/AttachmentPicker'
import { useConfirm } from '../../../components/ConfirmDialog'
import { Section } from '../../../components/Section'
import { Button } from '../../../ui/nutui'
import { TextAreaField } from '../components'

type Explanation = ResponseOf<'listApplicationExplanations'>['items'][number]

/** Stages in which the office may have asked for an explanation (第十八条, during and after publicity). */
export const EXPLANATION_STAGES: readonly string[] = ['in_publicity', 'objection_upheld', 'publicity_passed']

function Answer({ applicationId, request, onAnswered }: { applicationId: string; request: Explanation; onAnswered: (x: Explanation) => void }) {
  const [text, setText] = useState('')
  const [files, setFiles] = useState<AttachmentItem[]>([])
  const [error, setError] = useState<string | undefined>()
  const [dialog, confirm] = useConfirm()
  const send = () =>
    confirm({
      title: '提交情况说明',
      content: '提交后不能修改。',
      confirmText: '提交',
      onConfirm: async () => {
        setError(undefined)
        try {
          onAnswered(await callApi('answerExplanation', { params: { id: applicationId, explanationId: request.id }, body: { text, attachmentIds: files.map((f) => f.attachmentId) }, toast: false }))
          void Taro.showToast({ title: '说明已提交', icon: 'none' })
        } catch (e) {
          const apiError = toApiError(e)
          setError(apiError.fields[0]?.message ?? apiError.message)
        }
      },
    })
  return (
    <View className="explanation-answer-form">
      <TextAreaField className="explanation-answer-text" label="情况说明" value={text} onChange={setText} maxLength={3000} minLength={10} error={error} />
      <AttachmentPicker className="explanation-answer-files" value={files} onChange={setFiles} />
      <View className="org-actions">
        <Button type="primary" className="explanation-answer-submit" onClick={send}>
          提交说明
        </Button>
      </View>
      {dialog}
    </View>
  )
}

/**
 * 情况说明 (第十八条): what the office asked the organization to explain during publicity, by when, and
 * the organization's answer — never who objected; the grounds only if the office chose to quote them.
 */
export function ExplanationCard({ applicationId }: { applicationId: string }) {
  const [items, setItems] = useState<Explanation[] | null>(null)
  useEffect(() => {
    callApi('listApplicationExplanations', { params: { id: applicationId }, toast: false }).then((r) => setItems(r.items), () => setItems([]))
  }, [applicationId])
  if (!items?.length) return null
  return (
    <Section title="情况说明" article="第十八条" className="application-explanations">
      {items.map((x) => (
        <View key={x.id} className="explanation-request">
          <Text className="detail-text explanation-request-text">{`办公室请贵单位说明：${x.text}`}</Text>
          {x.quotedGrounds ? <Text className="detail-text explanation-quoted">{`所涉异议内容：${x.quotedGrounds}`}</Text> : null}
          <Text className="detail-text explanation-deadline">{`请于 ${x.deadline} 前提交（提出于 ${formatDateTime(x.requestedAt)}）`}</Text>
          {x.answer ? (
            <Text className="detail-text explanation-answered">{`已于 ${formatDateTime(x.answer.at)} 提交说明：${x.answer.text}`}</Text>
          ) : (
            <Answer applicationId={applicationId} request={x} onAnswered={(done) => setItems(items.map((i) => (i.id === done.id ? done : i)))} />
          )}
        </View>
      ))}
    </Section>
  )
}
