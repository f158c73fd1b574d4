import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatDateTime, inShanghai, type ApplicantDefenseSlot } from '@zlbg/shared'
import { callApi } from '../../../api/client'
import { useConfirm } from '../../../components/ConfirmDialog'
import { Section } from '../../../components/Section'
import { askForSubscriptions, canSubscribe, prepareSubscriptions } from '../../../subscribe'
import { Button } from '../../../ui/nutui'

/** Stages in which the organization may have a defense slot to see (第十七条). */
export const DEFENSE_STAGES: readonly string[] = ['defense_review', 'site_visit', 'recommended', 'not_recommended']

/**
 * 答辩安排 (第十七条): the slot the office gave this application — time, place or online link, and
 * nothing of the reviewers (第十三条) — and the organization's confirmation.
 */
export function DefenseSlotCard({ applicationId }: { applicationId: string }) {
  const [slot, setSlot] = useState<ApplicantDefenseSlot['slot'] | undefined>(undefined)
  const [dialog, confirm] = useConfirm()
  useEffect(() => {
    void prepareSubscriptions()
    callApi('getMyDefenseSlot', { params: { id: applicationId }, toast: false }).then((r) => setSlot(r.slot), () => setSlot(null))
  }, [applicationId])
  if (slot === undefined) return null
  return (
    <Section title="答辩安排" article="第十七条" className="application-defense-slot">
      {dialog}
      {slot ? (
        <View>
          <View className="detail-row defense-slot-time">
            <Text className="detail-row-label">答辩时间</Text>
            <Text className="detail-row-value" userSelect>{`${formatDateTime(slot.startsAt)}–${inShanghai(slot.endsAt).format('HH:mm')}（北京时间）`}</Text>
          </View>
          {slot.place ? (
            <View className="detail-row defense-slot-place">
              <Text className="detail-row-label">地点</Text>
              <Text className="detail-row-value" userSelect>{slot.place}</Text>
            </View>
          ) : null}
          {slot.onlineLink ? (
            <View className="detail-row defense-slot-link">
              <Text className="detail-row-label">线上会议</Text>
              <Text className="detail-row-value" userSelect>{slot.onlineLink}</Text>
            </View>
          ) : null}
          {slot.confirmedAt ? (
            <Text className="detail-text defense-slot-confirmed">{`已于 ${formatDateTime(slot.confirmedAt)} 确认参加`}</Text>
          ) : (
            <View className="org-actions">
              <Button
                type="primary"
                className="defense-slot-confirm"
                onClick={() =>
                  confirm({
                    title: '确认参加答辩',
                    content: `确认按时参加 ${formatDateTime(slot.startsAt)} 的答辩？如需调整请联系质量标杆工作办公室。`,
                    onConfirm: async () => {
                      const r = await callApi('confirmDefenseSlot', { params: { id: applicationId } })
                      setSlot(r.slot)
                      void Taro.showToast({ title: '已确认', icon: 'success' })
                    },
                  })
                }
              >
                确认参加
              </Button>
            </View>
          )}
        </View>
      ) : (
        <View>
          <Text className="detail-text defense-slot-none">答辩时间和地点安排后将通知您，请留意消息。</Text>
          {canSubscribe() ? (
            <View className="org-actions">
              {/* Straight from the tap: WeChat shows its prompt only inside one. */}
              <Button className="defense-slot-subscribe" onClick={() => void askForSubscriptions(['defense_schedule'])}>
                接收答辩安排通知
              </Button>
            </View>
          ) : null}
        </View>
      )}
    </Section>
  )
}
