import { useEffect, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ACCOUNT_ROLES, ROLE_LABELS, formatDateTime, type AccountRole, type UserView } from '@zlbg/shared'
import { fetchUserPage, type UserFilter } from '../../../api/users'
import { useConfirm } from '../../../components/ConfirmDialog'
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

const S = STRINGS.users

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

function UserRow({ user, onOpen }: { user: UserView; onOpen: () => void }) {
  return (
    <Cell className={`office-row user-row${user.disabled ? ' user-row--disabled' : ''}`} clickable onClick={onOpen}>
      <View className="user-row-body">
        <View className="office-row-head">
          <Text className="user-row-name">{user.displayName}</Text>
          {user.disabled ? (
            <Tag className="zlbg-tag user-row-disabled" background={THEME.mutedBackground} color={THEME.danger}>
              {S.statusDisabled}
            </Tag>
          ) : user.invitePending ? (
            <Tag className="zlbg-tag user-row-pending" plain background={THEME.warning}>
              {S.invitePending}
            </Tag>
          ) : null}
        </View>
        {user.username ? <Text className="user-row-account user-row-username">{user.username}</Text> : null}
        {user.email ? <Text className="user-row-account user-row-email">{user.email}</Text> : null}
        <View className="office-row-tags">
          {user.roles.map((role) => (
            <Tag key={role} className="zlbg-tag user-row-role" plain background={THEME.primary}>
              {ROLE_LABELS[role]}
            </Tag>
          ))}
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
  const [filter, setFilter] = useState<{ q: string; role: RoleFilter; status: StatusFilter }>({ q: '', role: '', status: '' })
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [dialog, confirm] = useConfirm()

  const query: UserFilter = {
    ...(filter.q ? { q: filter.q } : {}),
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  }
  const [list, key] = useOfficeList(query, fetchUserPage)
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

      <OfficeListBody list={list} prefix="users" className="user-list" strings={S} skeletonRows={3}>
        {(user) => <UserRow key={user.id} user={user} onOpen={() => setSelectedId(user.id)} />}
      </OfficeListBody>

      <UserPanel user={selected} onChange={list.replaceItem} onClose={() => setSelectedId(null)} confirm={confirm} />
      {dialog}
    </View>
  )
}

/** 账号管理 (office): staff, expert and approver accounts. */
export default function UsersPage() {
  return (
    <View className="page office">
      <StaffOnly>{() => <UsersWorkbench />}</StaffOnly>
    </View>
  )
}
