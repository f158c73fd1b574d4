import { openPage, PAGES } from '../../navigation'
import { Section } from '../Section'
import { CellGroup } from '../../ui/nutui'
import { LinkCell } from './LinkCell'

/** 评审工作台: shown to expert accounts; the pages themselves are the expert subpackage. */
export function ExpertLinks() {
  return (
    <Section title="评审专家" className="me-expert">
      <CellGroup className="me-expert-links">
        <LinkCell className="me-expert-work" title="评审工作台" description="保密与回避承诺、分配给我的申报（第十三条）" onClick={() => openPage(PAGES.expertHome)} isLast />
      </CellGroup>
    </Section>
  )
}
