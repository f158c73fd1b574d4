import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import {
  NameReviewDecisionSchema,
  fieldErrors,
  formatDateTime,
  type Me,
  type NameReview,
  type OrganizationView,
} from '@zlbg/shared'
import { fetchOrganizationPage, reviewOrganizationName, type OrganizationFilter } from '../../../api/officeOrganizations'
import { toApiError } from '../../../api/errors'
import type { ConfirmOptions } from '../../../components/ConfirmDialog'
import type { Column } from '../../../components/workbench/DataTable'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { STRINGS } from '../../../strings'
import { THEME } from '../../../theme'
import { Button, Tag } from '../../../ui/nutui'
import { type Choice } from '../components/ChoiceRow'
import { ReasonField } from '../components/ReasonField'
import { StaffOnly } from '../components/StaffOnly'
import { StatusListWorkbench } from '../components/StatusListWorkbench'
import '../components/office.css'
import './organizations.css'
import { OFFICE_STRINGS } from '../strings'

const S = OFFICE_STRINGS.orgNames

type ReviewFilter = NameReview | ''

/** 待审核 first: it is what the page is for. */
const REVIEW_CHOICES: Choice<ReviewFilter>[] = [
  { value: 'pending', label: S.states.pending },
  { value: '', label: STRINGS.common.all },
  { value: 'passed', label: S.states.passed },
  { value: 'rejected', label: S.states.rejected },
]

const REVIEW_COLORS: Record<NameReview, string> = {
  passed: THEME.success,
  pending: THEME.warning,
  rejected: THEME.danger,
}

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none', duration: 2000 })
}

type Actions = [onChange: (organization: OrganizationView) => void, confirm: (options: ConfirmOptions) => void]

function ReviewTag({ organization }: { organization: OrganizationView }) {
  return (
    <Tag className="zlbg-tag org-name-row-status" plain background={REVIEW_COLORS[organization.nameReview]}>
      {S.states[organization.nameReview]}
    </Tag>
  )
}

/** 通过 / 驳回 (with its reason) for a pending name, and why a decision could not be taken. */
function NameReviewActions({
  organization,
  onChange,
  confirm,
}: {
  organization: OrganizationView
  onChange: Actions[0]
  confirm: Actions[1]
}) {
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | undefined>()
  const [error, setError] = useState<string | null>(null)

  const send = async (decision: Parameters<typeof reviewOrganizationName>[1], done: string) => {
    setError(null)
    try {
      onChange(await reviewOrganizationName(organization.id, decision))
      setRejecting(false)
      setReason('')
      toast(done)
    } catch (e) {
      // 409: another office member decided meanwhile; the server says so.
      const apiError = toApiError(e)
      const field = apiError.fields.find((f) => f.path === 'reason')
      if (field) setReasonError(field.message)
      else setError(apiError.message)
    }
  }

  const approve = () =>
    confirm({
      title: S.approveTitle,
      content: S.approveContent(organization.name),
      confirmText: S.approve,
      onConfirm: () => send({ decision: 'approve' }, S.approved),
    })

  const reject = () => {
    const parsed = NameReviewDecisionSchema.safeParse({ decision: 'reject', reason })
    if (!parsed.success) {
      setReasonError(fieldErrors(parsed.error)[0]?.message)
      return
    }
    confirm({
      title: S.rejectTitle,
      content: S.rejectContent(organization.name),
      confirmText: S.reject,
      danger: true,
      onConfirm: () => send(parsed.data, S.rejected),
    })
  }

  const pending = organization.nameReview === 'pending'
  return (
    <View className="org-name-review">
      {pending ? (
        <View className="org-name-row-actions">
          <Button className="org-name-row-approve" size="small" type="primary" onClick={approve}>
            {S.approve}
          </Button>
          <Button
            className="org-name-row-reject"
            size="small"
            fill="outline"
            onClick={() => {
              setRejecting((open) => !open)
              setReasonError(undefined)
            }}
          >
            {S.reject}
          </Button>
        </View>
      ) : null}
      {pending && rejecting ? (
        <View className="org-name-row-reject-form">
          <ReasonField
            className="org-name-row-reason-field"
            inputClassName="org-name-row-reason-input"
            label={S.rejectReasonLabel}
            placeholder={S.rejectReasonPlaceholder}
            maxLength={200}
            value={reason}
            error={reasonError}
            onChange={setReason}
            onClearError={() => setReasonError(undefined)}
          />
          <View className="org-name-row-actions">
            <Button className="org-name-row-reject-submit" size="small" type="danger" onClick={reject}>
              {S.rejectSubmit}
            </Button>
          </View>
        </View>
      ) : null}
      {error ? <Text className="org-name-row-error">{error}</Text> : null}
    </View>
  )
}

/** The organizations at desktop width. */
function columns(onChange: Actions[0], confirm: Actions[1]): Column<OrganizationView>[] {
  return [
    {
      key: 'name',
      title: S.columns.name,
      width: 'minmax(14em, 2fr)',
      sortValue: (organization) => organization.name,
      render: (organization) => (
        <>
          <Text className="org-name-row-name" userSelect>
            {organization.name}
          </Text>
          {organization.nameReview === 'rejected' && organization.nameReviewReason ? (
            <Text className="data-table-sub org-name-row-reason">{`${S.reason}：${organization.nameReviewReason}`}</Text>
          ) : null}
        </>
      ),
    },
    {
      key: 'status',
      title: S.status,
      width: '7em',
      sortValue: (organization) => REVIEW_CHOICES.findIndex((choice) => choice.value === organization.nameReview),
      render: (organization) => <ReviewTag organization={organization} />,
    },
    {
      key: 'members',
      title: S.columns.members,
      width: '6em',
      align: 'end',
      sortValue: (organization) => organization.memberCount,
      render: (organization) => <Text className="org-name-row-members">{String(organization.memberCount)}</Text>,
    },
    {
      key: 'created',
      title: S.columns.created,
      width: '10em',
      sortValue: (organization) => organization.createdAt,
      render: (organization) => <Text className="org-name-row-created">{formatDateTime(organization.createdAt)}</Text>,
    },
    {
      key: 'actions',
      title: '',
      width: 'minmax(16em, 2fr)',
      interactive: true,
      render: (organization) => <NameReviewActions organization={organization} onChange={onChange} confirm={confirm} />,
    },
  ]
}

function OrganizationRow({ organization, onChange, confirm }: { organization: OrganizationView; onChange: Actions[0]; confirm: Actions[1] }) {
  return (
    <View className={`office-row org-name-row org-name-row--${organization.nameReview}`}>
      <View className="office-row-head">
        <Text className="org-name-row-name" userSelect>
          {organization.name}
        </Text>
        <ReviewTag organization={organization} />
      </View>
      <Text className="org-name-row-meta">
        {`${S.memberCount(organization.memberCount)} · ${S.createdAt(formatDateTime(organization.createdAt))}`}
      </Text>
      {organization.nameReview === 'rejected' && organization.nameReviewReason ? (
        <Text className="org-name-row-reason">{`${S.reason}：${organization.nameReviewReason}`}</Text>
      ) : null}
      <NameReviewActions organization={organization} onChange={onChange} confirm={confirm} />
    </View>
  )
}

function OrganizationNamesWorkbench() {
  return (
    <StatusListWorkbench<ReviewFilter, OrganizationFilter, OrganizationView>
      prefix="org-names"
      title={STRINGS.titles.orgNames}
      total={(list) => (
        <Text className="office-total org-names-total">{list.status === 'ready' ? STRINGS.common.total(list.total) : ' '}</Text>
      )}
      filterPrefix="org-names-filter-review"
      filterLabel={S.status}
      choices={REVIEW_CHOICES}
      initial="pending"
      toFilter={(review) => (review ? { nameReview: review } : {})}
      fetchPage={fetchOrganizationPage}
      strings={S}
      columns={columns}
      rowClassName={(organization) => `org-name-row--${organization.nameReview}`}
    >
      {(organization, onChange, confirm) => (
        <OrganizationRow key={organization.id} organization={organization} onChange={onChange} confirm={confirm} />
      )}
    </StatusListWorkbench>
  )
}

/** 组织名称审核 (office): names WeChat's content check could not judge, approved or rejected with a reason. */
export default function OrganizationNamesPage() {
  return (
    <View className="page office">
      <StaffOnly>
        {(me: Me) => (
          <WorkbenchShell me={me} area="organizations">
            <OrganizationNamesWorkbench />
          </WorkbenchShell>
        )}
      </StaffOnly>
    </View>
  )
}
