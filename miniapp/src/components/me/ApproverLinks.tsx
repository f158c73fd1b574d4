import { openPage, PAGES } from '../../navigation'
import { Section } from '../Section'
import { CellGroup } from '../../ui/nutui'
import { LinkCell } from './LinkCell'

/** 审批 (中国质量协会): shown to approver accounts — the list's approval (第十九条) and removals' confirmation (第二十一条). */
export function ApproverLinks() {
  return (
    <Section title="中国质量协会审批" className="me-approver">
      <CellGroup className="me-approver-links">
        <LinkCell className="me-approver-work" title="审批工作台" description="公示期满的名单：逐项审批、签署（第十九条）" onClick={() => openPage(PAGES.approverHome)} />
        <LinkCell
          className="me-approver-removals"
          title="移除确认"
          description="评审委员会确认后的移出名单，由审批人确认或不予确认（第二十一条）"
          onClick={() => openPage(PAGES.approverRemovals)}
          isLast
        />
      </CellGroup>
    </Section>
  )
}
