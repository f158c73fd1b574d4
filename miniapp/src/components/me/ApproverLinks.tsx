import { openPage, PAGES } from '../../navigation'
import { Section } from '../Section'
import { CellGroup } from '../../ui/nutui'
import { LinkCell } from './LinkCell'

/** 审批工作台: shown to the CAQ approver's account; the pages themselves are the approver subpackage (第十九条). */
export function ApproverLinks() {
  return (
    <Section title="中国质量协会审批" className="me-approver">
      <CellGroup className="me-approver-links">
        <LinkCell className="me-approver-work" title="审批工作台" description="公示期满的名单：逐项审批、签署（第十九条）" onClick={() => openPage(PAGES.approverHome)} isLast />
      </CellGroup>
    </Section>
  )
}
