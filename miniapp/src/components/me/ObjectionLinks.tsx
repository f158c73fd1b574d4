import { openPage, PAGES } from '../../navigation'
import { Section } from '../Section'
import { CellGroup } from '../../ui/nutui'
import { LinkCell } from './LinkCell'

/** 我的异议 (第十八条): for WeChat users, who may object to a publicity entry and follow it here. */
export function ObjectionLinks() {
  return (
    <Section title="异议" className="me-objections">
      <CellGroup className="me-objections-links">
        <LinkCell className="me-objections-mine" title="我的异议" description="对公示提出的异议、受理编号和处理进度" onClick={() => openPage(PAGES.objectionMine)} isLast />
      </CellGroup>
    </Section>
  )
}
