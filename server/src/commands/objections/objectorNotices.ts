import { OBJECTION_OUTCOMES, OBJECTION_STATE_LABELS, PAGES, type ObjectionEvent, type ObjectionState } from '@zlbg/shared'
import type { ObjectionRecord } from '../../models/publicity'
import type { Notice } from '../../outbox/enqueue'
import type { EffectBuilder } from '../../workflow/transition'

export const objectionDetailLink = (id: string) => `${PAGES.objectionDetail}?id=${id}`

/** The subscription message's status keyword takes at most five characters. */
const SHORT_STATUS: Record<ObjectionState, string> = {
  received: '已受理',
  investigating: '调查核实中',
  findings_recorded: '核查完成',
  committee_review: '委员会审议',
  upheld: '异议成立',
  dismissed: '异议不成立',
  replied: '已答复',
}

/**
 * What the objector is told of each change (第十八条): the state of their own objection, by receipt
 * number — to them alone (filedBy), in the message center and as a subscription message.
 */
export function objectorNotice(doc: Pick<ObjectionRecord, '_id' | 'filedBy' | 'receiptNumber' | 'decision'>, state: ObjectionState): Notice {
  const outcome = state === 'replied' && doc.decision && OBJECTION_OUTCOMES.includes(doc.decision.outcome) ? `（${OBJECTION_STATE_LABELS[doc.decision.outcome]}）` : ''
  return {
    recipientUserId: doc.filedBy,
    kind: `objection.${state}`,
    template: 'objection_result',
    content: {
      title: `异议 ${doc.receiptNumber}`,
      body:
        state === 'received'
          ? `您的异议已受理，受理编号 ${doc.receiptNumber}。办公室将组织调查核实，处理进展会在这里通知您。`
          : `您的异议（受理编号 ${doc.receiptNumber}）${state === 'replied' ? `已答复${outcome}，请查看答复内容。` : `进展：${OBJECTION_STATE_LABELS[state]}。`}`,
      link: objectionDetailLink(doc._id.toHexString()),
      status: SHORT_STATUS[state],
      note: state === 'replied' ? '点击查看答复' : '可在“我的异议”查看进度',
    },
  }
}

/** The machine's `notifyObjector` effect. */
export const notifyObjector: EffectBuilder<ObjectionState, ObjectionEvent, ObjectionRecord> = ({ doc, to }) => [objectorNotice(doc, to)]
