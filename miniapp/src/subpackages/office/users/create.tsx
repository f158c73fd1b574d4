import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { CreateUserSchema, ROLE_LABELS, type AccountRole } from '@zlbg/shared'
import { createUser, type UserWithInvite } from '../../../api/users'
import { FormError, FormField, SubmitButton, TextField } from '../../../components/FormField'
import { OneTimeCodeCard } from '../../../components/OneTimeCodeCard'
import { useForm } from '../../../hooks/useForm'
import { goBackOrHome } from '../../../navigation'
import { STRINGS } from '../../../strings'
import { Button } from '../../../ui/nutui'
import { RoleCheckboxes } from '../components/RoleCheckboxes'
import { StaffOnly } from '../components/StaffOnly'
import { markUsersStale } from './changes'
import '../components/office.css'
import './users.css'
import { OFFICE_STRINGS } from '../strings'

const S = OFFICE_STRINGS.users

/** The account just created and its invite code, shown this once. */
function Created({ result, onAnother }: { result: UserWithInvite; onAnother: () => void }) {
  const { user, invite } = result
  return (
    <View className="office-card user-created">
      <Text className="user-created-title">{S.createdTitle}</Text>
      <Text className="user-created-name">{user.displayName}</Text>
      {user.username ? <Text className="user-created-account">{user.username}</Text> : null}
      {user.email ? <Text className="user-created-email">{user.email}</Text> : null}
      <Text className="user-created-roles">{user.roles.map((role) => ROLE_LABELS[role]).join('、')}</Text>
      <OneTimeCodeCard className="user-invite" title={S.inviteTitle} code={invite.code} expiresAt={invite.expiresAt} note={S.inviteNote} />
      <View className="user-created-actions">
        <Button className="user-created-another" size="small" fill="outline" type="primary" onClick={onAnother}>
          {S.createAnother}
        </Button>
        <Button className="user-created-back" size="small" type="primary" onClick={goBackOrHome}>
          {S.backToList}
        </Button>
      </View>
    </View>
  )
}

function CreateUserForm({ onCreated }: { onCreated: (result: UserWithInvite) => void }) {
  const form = useForm({
    initial: { username: '', displayName: '', email: '', roles: [] as string[] },
    schema: CreateUserSchema,
    prepare: ({ email, ...rest }) => ({ ...rest, ...(email.trim() ? { email: email.trim() } : {}) }),
    send: async (body) => {
      const result = await createUser(body)
      markUsersStale()
      onCreated(result)
    },
    codeFields: { USERNAME_TAKEN: 'username', EMAIL_TAKEN: 'email' },
  })
  const submit = () => void form.submit()
  return (
    <View className="office-card user-form">
      <TextField
        className="user-form-username"
        label={S.usernameLabel}
        placeholder={S.usernamePlaceholder}
        maxLength={32}
        {...form.field('username')}
      />
      <TextField
        className="user-form-name"
        label={S.displayNameLabel}
        placeholder={S.displayNamePlaceholder}
        maxLength={40}
        {...form.field('displayName')}
      />
      <TextField
        className="user-form-email"
        label={S.emailLabel}
        note={STRINGS.common.optional}
        placeholder={S.emailPlaceholder}
        maxLength={100}
        {...form.field('email')}
      />
      <FormField className="user-form-roles-field" label={S.rolesLabel} error={form.errors.roles}>
        <RoleCheckboxes prefix="user-form-roles" value={form.values.roles} onChange={(roles: AccountRole[]) => form.set('roles', roles)} />
      </FormField>
      <FormError className="user-form-error" message={form.formError} />
      <SubmitButton className="user-form-submit" submitting={form.submitting} onClick={submit}>
        {S.createSubmit}
      </SubmitButton>
    </View>
  )
}

function CreateUserWorkbench() {
  const [result, setResult] = useState<UserWithInvite | null>(null)
  // A fresh form after "继续创建": remount it rather than clear each field.
  const [round, setRound] = useState(0)
  if (result) {
    return (
      <Created
        result={result}
        onAnother={() => {
          setResult(null)
          setRound((n) => n + 1)
        }}
      />
    )
  }
  return <CreateUserForm key={round} onCreated={setResult} />
}

/** 新建账号 (office): the invite code is shown once, to pass to the person. */
export default function CreateUserPage() {
  return (
    <View className="page office user-create">
      <StaffOnly>{() => <CreateUserWorkbench />}</StaffOnly>
    </View>
  )
}
