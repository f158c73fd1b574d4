import { openPage, PAGES } from '../../navigation'
import { STRINGS } from '../../strings'
import { Section } from '../Section'
import { CellGroup } from '../../ui/nutui'
import { LinkCell } from './LinkCell'

const S = STRINGS.me

/** 办公室工作台: shown to office and admin accounts (第四条). */
export function OfficeLinks() {
  return (
    <Section title={S.officeTitle} className="me-office">
      <CellGroup className="me-office-links">
        <LinkCell
          className="me-office-calls"
          title={STRINGS.officeCallsLink.title}
          description={STRINGS.officeCallsLink.hint}
          onClick={() => openPage(PAGES.officeCalls)}
        />
        <LinkCell
          className="me-office-experts"
          title="专家库与评审委员会"
          description="专家库、导入、覆盖情况，各征集的评审委员会与分配（第九至十三条）"
          onClick={() => openPage(PAGES.officeExperts)}
        />
        <LinkCell
          className="me-office-publicity"
          title="公示管理"
          description="发布推荐名单公示、查看各名单的公示状态（第十八条）"
          onClick={() => openPage(PAGES.officePublicity)}
        />
        <LinkCell
          className="me-office-objections"
          title="异议受理"
          description="公示期内收到的异议：调查核实、报评审委员会审议、答复（第十八条）"
          onClick={() => openPage(PAGES.officeObjections)}
        />
        <LinkCell
          className="me-office-listing"
          title="名单公布"
          description="经审批人批准的名单：查看审批记录、公布名单（第十九条）"
          onClick={() => openPage(PAGES.officeListing)}
        />
        <LinkCell
          className="me-office-listed"
          title="入选组织与往年名单"
          description="入选组织的义务履行情况（第二十条），导入往年名单（第十九条）"
          onClick={() => openPage(PAGES.officeListed)}
        />
        <LinkCell
          className="me-office-removals"
          title="移除管理"
          description="移出名单、评审委员会与审批人确认、审核发布公告（第二十一条）"
          onClick={() => openPage(PAGES.officeRemovals)}
        />
        <LinkCell
          className="me-office-attendance"
          title="参会义务"
          description="入选组织参加交流活动的情况，提醒未参加的组织（第二十条）"
          onClick={() => openPage(PAGES.officeAttendance)}
        />
        <LinkCell
          className="me-office-users"
          title={S.officeUsers}
          description={S.officeUsersHint}
          onClick={() => openPage(PAGES.officeUsers)}
        />
        <LinkCell
          className="me-office-audit"
          title={S.officeAudit}
          description={S.officeAuditHint}
          onClick={() => openPage(PAGES.officeAudit)}
        />
        <LinkCell
          className="me-office-outbox"
          title={S.officeOutbox}
          description={S.officeOutboxHint}
          onClick={() => openPage(PAGES.officeOutbox)}
        />
        <LinkCell
          className="me-office-org-names"
          title={S.officeOrgNames}
          description={S.officeOrgNamesHint}
          onClick={() => openPage(PAGES.officeOrganizations)}
        />
        <LinkCell
          className="me-office-verifications"
          title={S.officeVerifications}
          description={S.officeVerificationsHint}
          onClick={() => openPage(PAGES.officeVerifications)}
          isLast
        />
      </CellGroup>
    </Section>
  )
}
