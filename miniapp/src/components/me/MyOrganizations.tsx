import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { CodeInputSchema, CreateOrganizationSchema, RenameOrganizationSchema, type Me } from '@zlbg/shared'
import type { OneTimeCode } from '../../api/account'
import {
  createOrganization,
  createOrganizationInvite,
  joinOrganization,
  leaveOrganization,
  renameOrganization,
} from '../../api/organizations'
import { refreshMe } from '../../hooks/useMe'
import { openPage, PAGES } from '../../navigation'
import { STRINGS } from '../../strings'
import { THEME } from '../../theme'
import { Button, CellGroup, Tag } from '../../ui/nutui'
import type { ConfirmOptions } from '../ConfirmDialog'
import { OneTimeCodeCard } from '../OneTimeCodeCard'
import { Section } from '../Section'
import { SingleFieldForm } from '../SingleFieldForm'
import { NameReviewTag } from '../Tags'
import { LinkCell } from './LinkCell'

const S = STRINGS.me
const A = STRINGS.applicant

type Organization = Me['organizations'][number]

/** Server codes about the organization's name: shown under the name field. */
const NAME_CODES = ['CONTENT_RISKY'] as const

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none', duration: 2000 })
}

function OrganizationRow({
  organization,
  confirm,
}: {
  organization: Organization
  confirm: (options: ConfirmOptions) => void
}) {
  const [invite, setInvite] = useState<OneTimeCode | null>(null)
  const [inviting, setInviting] = useState(false)
  const [renaming, setRenaming] = useState(false)
  const review = organization.nameReview

  const createInvite = async () => {
    setInviting(true)
    try {
      setInvite(await createOrganizationInvite(organization.id))
    } catch {
      // shown by the request layer
    } finally {
      setInviting(false)
    }
  }

  const leave = () =>
    confirm({
      title: S.orgLeaveTitle,
      content: S.orgLeaveContent(organization.name),
      confirmText: S.orgLeave,
      danger: true,
      onConfirm: async () => {
        await leaveOrganization(organization.id)
        toast(S.orgLeft(organization.name))
        await refreshMe()
      },
    })

  return (
    <View className="me-org">
      <View className="me-org-head">
        <Text className="me-org-name">{organization.name}</Text>
        {organization.listed ? (
          <Tag className="zlbg-tag me-org-listed" background={THEME.success} color={THEME.white}>
            {S.listed}
          </Tag>
        ) : null}
        <NameReviewTag className="me-org-review" review={review} />
      </View>
      {review === 'rejected' && organization.nameReviewReason ? (
        <Text className="me-org-review-reason">{`${S.orgReasonLabel}${organization.nameReviewReason}`}</Text>
      ) : null}
      {review === 'pending' ? <Text className="me-org-review-note">{S.orgPendingNote}</Text> : null}
      <CellGroup className="me-org-links">
        <LinkCell
          className="me-org-profile"
          title={A.orgProfile}
          description={A.orgProfileHint}
          onClick={() => openPage(`${PAGES.orgProfile}?organizationId=${encodeURIComponent(organization.id)}`)}
        />
        <LinkCell
          className="me-org-applications"
          title={A.orgApplications}
          description={A.orgApplicationsHint}
          onClick={() => openPage(`${PAGES.orgApplications}?organizationId=${encodeURIComponent(organization.id)}`)}
          isLast
        />
      </CellGroup>
      <View className="me-org-actions">
        <Button
          className="me-org-invite"
          size="small"
          type="primary"
          fill="outline"
          loading={inviting}
          disabled={inviting}
          onClick={() => void createInvite()}
        >
          {S.orgInvite}
        </Button>
        <Button
          className="me-org-rename"
          size="small"
          type={review === 'rejected' ? 'primary' : 'default'}
          fill={review === 'rejected' ? 'solid' : 'outline'}
          onClick={() => setRenaming((open) => !open)}
        >
          {S.orgRename}
        </Button>
        <Button className="me-org-leave" size="small" fill="none" onClick={leave}>
          {S.orgLeave}
        </Button>
      </View>
      {renaming ? (
        <SingleFieldForm
          className="me-org-rename-form"
          field="name"
          schema={RenameOrganizationSchema}
          label={S.orgRenameLabel}
          placeholder={S.orgNamePlaceholder}
          initialValue={organization.name}
          submitText={S.orgRenameSubmit}
          maxLength={100}
          fieldCodes={NAME_CODES}
          onSubmit={async ({ name }) => {
            const renamed = await renameOrganization(organization.id, name)
            toast(S.orgRenamed(renamed.name))
            setRenaming(false)
            await refreshMe()
          }}
        />
      ) : null}
      {invite ? (
        <OneTimeCodeCard
          className="me-org-invite-code"
          title={S.orgInviteTitle}
          code={invite.code}
          expiresAt={invite.expiresAt}
          note={S.orgInviteNote}
        />
      ) : null}
    </View>
  )
}

/** 我的组织: the applicant organizations the caller belongs to, and joining or creating one. */
export function MyOrganizations({ me, confirm }: { me: Me; confirm: (options: ConfirmOptions) => void }) {
  const [open, setOpen] = useState<'create' | 'join' | null>(null)
  const toggle = (which: 'create' | 'join') => setOpen((current) => (current === which ? null : which))

  return (
    <Section title={S.orgsTitle} article={S.orgsArticle} className="me-orgs">
      {me.organizations.length === 0 ? (
        <Text className="me-orgs-empty">{S.orgsEmpty}</Text>
      ) : (
        <View className="me-org-list">
          {me.organizations.map((organization) => (
            <OrganizationRow key={organization.id} organization={organization} confirm={confirm} />
          ))}
        </View>
      )}
      <View className="me-orgs-actions">
        <Button
          className="me-org-create"
          size="small"
          type={open === 'create' ? 'primary' : 'default'}
          onClick={() => toggle('create')}
        >
          {S.orgCreate}
        </Button>
        <Button className="me-org-join" size="small" type={open === 'join' ? 'primary' : 'default'} onClick={() => toggle('join')}>
          {S.orgJoin}
        </Button>
      </View>
      {open === 'create' ? (
        <SingleFieldForm
          className="me-org-create-form"
          field="name"
          schema={CreateOrganizationSchema}
          label={S.orgNameLabel}
          placeholder={S.orgNamePlaceholder}
          submitText={S.orgCreateSubmit}
          maxLength={100}
          fieldCodes={NAME_CODES}
          onSubmit={async ({ name }) => {
            const organization = await createOrganization(name)
            toast(S.orgCreated(organization.name))
            setOpen(null)
            await refreshMe()
          }}
        />
      ) : null}
      {open === 'join' ? (
        <SingleFieldForm
          className="me-org-join-form"
          field="code"
          schema={CodeInputSchema}
          label={S.orgJoinCodeLabel}
          placeholder={S.orgJoinCodePlaceholder}
          submitText={S.orgJoinSubmit}
          maxLength={10}
          fieldCodes={['INVITE_INVALID', 'ALREADY_MEMBER']}
          onSubmit={async ({ code }) => {
            const organization = await joinOrganization(code)
            toast(S.orgJoined(organization.name))
            setOpen(null)
            await refreshMe()
          }}
        />
      ) : null}
    </Section>
  )
}
