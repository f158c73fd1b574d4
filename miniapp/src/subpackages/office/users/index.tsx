import { useEffect, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ACCOUNT_ROLES, ROLE_LABELS, formatDateTime, type AccountRole, type Me, type UserView } from '@zlbg/shared'
import { fetchUserPage, type UserFilter } from '../../../api/users'
import { useConfirm } from '../../../components/ConfirmDialog'
import { DataTable, type Column } from '../../../components/workbench/DataTable'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { useDesktop } from '../../../hooks/useDesktop'
import { openPage, PAGES } from '../../../navigation'
import { STRINGS } from '../../../strings'
import { THEME } from '../../../theme'
import { Button, Cell, Tag } from '../../../ui/nutui'
import { ChoiceRow, type Choice } from '../components/ChoiceRow'
import { OfficeHeader } from '../components/OfficeHeader'
import { OfficeListBody } from '../components/OfficeListBody'
import { SearchRow } from '../components/SearchRow'
import { StaffOnly } from '../components/StaffOnly'
import { UserPanel } from '../components/UserPanel'
import { useOfficeList } from '../components/useOfficeList'
import { takeUsersStale } from './changes'
import '../components/office.css'
import './users.css'
import { OFFICE_STRINGS } from '../strings'

const S = OFFICE_STRINGS.users

type RoleFilter = AccountRole | ''
type StatusFilter = 'active' | 'disabled' | ''

const ROLE_CHOICES: Choice<RoleFilter>[] = [
  { value: '', label: STRINGS.common.all },
  ...ACCOUNT_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] })),
]
const STATUS_CHOICES: Choice<StatusFilter>[] = [
  { value: '', label: STRINGS.common.all },
  { value: 'active', label: S.statusActive },
  { value: 'disabled', label: S.statusDisabled },
]

/** 已停用 or 待设置密码, when either applies. */
function StatusTag({ user }: { user: UserView }) {
  if (user.disabled) {
    return (
      <Tag className="zlbg-tag user-row-disabled" background={THEME.mutedBackground} color={THEME.danger}>
        {S.statusDisabled}
      </Tag>
    )
  }
  if (user.invitePending) {
    return (
      <Tag className="zlbg-tag user-row-pending" plain background={THEME.warning}>
        {S.invitePending}
      </Tag>
    )
  }
  return null
}

function RoleTags({ user }: { user: UserView }) {
  return (
    <>
      {user.roles.map((role) => (
        <Tag key={role} className="zlbg-tag user-row-role" plain background={THEME.primary}>
          {ROLE_LABELS[role]}
        </Tag>
      ))}
    </>
  )
}

/** The accounts at desktop width. */
const COLUMNS: Column<UserView>[] = [
  {
    key: 'name',
    title: S.columns.name,
    width: 'minmax(9em, 1.2fr)',
    sortValue: (user) => user.displayName,
    render: (user) => (
      <View className="office-row-head user-cell-name">
        <Text className="user-row-name">{user.displayName}</Text>
        <StatusTag user={user} />
      </View>
    ),
  },
  {
    key: 'account',
    title: S.columns.account,
    width: 'minmax(12em, 2fr)',
    sortValue: (user) => user.username ?? user.email,
    render: (user) => (
      <>
        {user.username ? <Text className="user-row-username">{user.username}</Text> : null}
        {user.email ? <Text className="data-table-sub user-row-email">{user.email}</Text> : null}
      </>
    ),
  },
  {
    key: 'roles',
    title: S.role,
    width: 'minmax(10em, 2fr)',
    render: (user) => (
      <View className="office-row-tags user-cell-roles">
        <RoleTags user={user} />
      </View>
    ),
  },
  {
    key: 'wechat',
    title: S.columns.wechat,
    width: '6em',
    sortValue: (user) => (user.wechatBound ? 0 : 1),
    render: (user) => <Text className="data-table-sub user-row-wechat">{user.wechatBound ? S.wechatBound : ''}</Text>,
  },
  {
    key: 'lastLogin',
    title: S.columns.lastLogin,
    width: '10em',
    sortValue: (user) => user.lastLoginAt ?? null,
    render: (user) => (
      <Text className="user-row-last-login">{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : S.neverLoggedIn}</Text>
    ),
  },
  {
    key: 'created',
    title: S.columns.created,
    width: '10em',
    sortValue: (user) => user.createdAt,
    render: (user) => <Text className="user-row-created">{formatDateTime(user.createdAt)}</Text>,
  },
]

function UserRow({ user, onOpen }: { user: UserView; onOpen: () => void }) {
  return (
    <Cell className={`office-row user-row${user.disabled ? ' user-row--disabled' : ''}`} clickable onClick={onOpen}>
      <View className="user-row-body">
        <View className="office-row-head">
          <Text className="user-row-name">{user.displayName}</Text>
          <StatusTag user={user} />
        </View>
        {user.username ? <Text className="user-row-account user-row-username">{user.username}</Text> : null}
        {user.email ? <Text className="user-row-account user-row-email">{user.email}</Text> : null}
        <View className="office-row-tags">
          <RoleTags user={user} />
          {user.wechatBound ? (
            <Tag className="zlbg-tag user-row-wechat" plain background={THEME.success}>
              {S.wechatBound}
            </Tag>
          ) : null}
        </View>
        <View className="office-row-meta">
          <Text className="user-row-last-login">
            {user.lastLoginAt ? S.lastLogin(formatDateTime(user.lastLoginAt)) : S.neverLoggedIn}
          </Text>
          <Text className="user-row-created">{S.createdAt(formatDateTime(user.createdAt))}</Text>
        </View>
      </View>
    </Cell>
  )
}

function UsersWorkbench() {
  const desktop = useDesktop()
  const [filter, setFilter] = useState<{ q: string; role: RoleFilter; status: StatusFilter }>({ q: '', role: '', status: '' })
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [dialog, confirm] = useConfirm()

  const query: UserFilter = {
    ...(filter.q ? { q: filter.q } : {}),
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  }
  const [list, key] = useOfficeList(query, fetchUserPage, desktop)
  // A new filter may leave the open account out of the list: close its panel.
  useEffect(() => setSelectedId(null), [key])

  useDidShow(() => {
    if (takeUsersStale()) void list.reload()
  })

  const selected = list.items.find((user) => user.id === selectedId) ?? null

  return (
    <View className="users">
      <OfficeHeader
        title={STRINGS.titles.users}
        actions={
          <Button className="users-create" type="primary" size="small" onClick={() => openPage(PAGES.officeUserCreate)}>
            {S.create}
          </Button>
        }
      >
        {list.status === 'ready' ? <Text className="office-total users-total">{STRINGS.common.total(list.total)}</Text> : null}
      </OfficeHeader>

      <View className="office-filters users-filters">
        <SearchRow prefix="users" placeholder={S.searchPlaceholder} onSearch={(q) => setFilter((f) => ({ ...f, q }))} />
        <ChoiceRow
          prefix="users-filter-role"
          label={S.role}
          choices={ROLE_CHOICES}
          value={filter.role}
          onChange={(role) => setFilter((f) => ({ ...f, role }))}
        />
        <ChoiceRow
          prefix="users-filter-status"
          label={S.status}
          choices={STATUS_CHOICES}
          value={filter.status}
          onChange={(status) => setFilter((f) => ({ ...f, status }))}
        />
      </View>

      {desktop ? (
        <DataTable
          prefix="users"
          columns={COLUMNS}
          list={list}
          strings={S}
          onOpen={(user) => setSelectedId(user.id)}
          rowClassName={(user) => (user.disabled ? 'user-row--disabled' : '')}
        />
      ) : (
        <OfficeListBody list={list} prefix="users" className="user-list" strings={S} skeletonRows={3}>
          {(user) => <UserRow key={user.id} user={user} onOpen={() => setSelectedId(user.id)} />}
        </OfficeListBody>
      )}

      <UserPanel user={selected} onChange={list.replaceItem} onClose={() => setSelectedId(null)} confirm={confirm} />
      {dialog}
    </View>
  )
}

/** 账号管理 (office): staff, expert and approver accounts. */
export default function UsersPage() {
  return (
    <View className="page office">
      <StaffOnly>
        {(me: Me) => (
          <WorkbenchShell me={me} area="accounts">
            <UsersWorkbench />
          </WorkbenchShell>
        )}
      </StaffOnly>
    </View>
  )
}
