import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import type { z } from 'zod'
import { ReasonSchema, SetRolesSchema, fieldErrors, type AccountRole, type UserView } from '@zlbg/shared'
import { toApiError } from '../../../api/errors'
import { disableUser, enableUser, resetUserPassword, setUserRoles, type UserWithInvite } from '../../../api/users'
import type { ConfirmOptions } from '../../../components/ConfirmDialog'
import { FormError, FormField } from '../../../components/FormField'
import { OneTimeCodeCard } from '../../../components/OneTimeCodeCard'
import { STRINGS } from '../../../strings'
import { Button } from '../../../ui/nutui'
import { Popup } from '../../../ui/nutui-office'
import { ReasonField } from './ReasonField'
import { RoleCheckboxes } from './RoleCheckboxes'
import { OFFICE_STRINGS } from '../strings'

const S = OFFICE_STRINGS.users

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none', duration: 2000 })
}

function firstError(error: z.ZodError): string {
  return fieldErrors(error)[0]?.message ?? ''
}

/**
 * 账号操作 for one account, in a bottom sheet over the list: roles, disable (with a reason) or
 * enable, and password reset. Each answer replaces the row in the list. Hooks: `.user-panel`,
 * `.user-panel-roles`, `.user-panel-save-roles`, `.user-panel-reason`, `.user-panel-disable`,
 * `.user-panel-enable`, `.user-panel-reset`, `.user-panel-invite`.
 */
export function UserPanel({
  user,
  onChange,
  onClose,
  confirm,
}: {
  user: UserView | null
  onChange: (user: UserView) => void
  onClose: () => void
  confirm: (options: ConfirmOptions) => void
}) {
  const [roles, setRoles] = useState<AccountRole[]>([])
  const [rolesError, setRolesError] = useState<string | undefined>()
  const [savingRoles, setSavingRoles] = useState(false)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | undefined>()
  const [enabling, setEnabling] = useState(false)
  const [invite, setInvite] = useState<UserWithInvite['invite'] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const userId = user?.id
  useEffect(() => {
    setRoles(user ? [...user.roles] : [])
    setRolesError(undefined)
    setReason('')
    setReasonError(undefined)
    setInvite(null)
    setError(null)
    // A new account opened: start from its own values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId])

  if (!user) return <Popup className="user-panel-popup" visible={false} position="bottom" />

  const saveRoles = async () => {
    const parsed = SetRolesSchema.safeParse({ roles })
    if (!parsed.success) {
      setRolesError(firstError(parsed.error))
      return
    }
    setSavingRoles(true)
    setError(null)
    try {
      onChange(await setUserRoles(user.id, parsed.data.roles))
      toast(S.rolesSaved)
    } catch (e) {
      setError(toApiError(e).message)
    } finally {
      setSavingRoles(false)
    }
  }

  const disable = () => {
    const parsed = ReasonSchema.safeParse({ reason })
    if (!parsed.success) {
      setReasonError(firstError(parsed.error))
      return
    }
    confirm({
      title: S.disableTitle,
      content: S.disableConfirmContent(user.displayName),
      confirmText: S.disable,
      danger: true,
      onConfirm: async () => {
        setError(null)
        try {
          onChange(await disableUser(user.id, parsed.data.reason))
          setReason('')
          toast(S.disabled)
        } catch (e) {
          const apiError = toApiError(e)
          const field = apiError.fields.find((f) => f.path === 'reason')
          if (field) setReasonError(field.message)
          else setError(apiError.message)
        }
      },
    })
  }

  const enable = async () => {
    setEnabling(true)
    setError(null)
    try {
      onChange(await enableUser(user.id))
      toast(S.enabled)
    } catch (e) {
      setError(toApiError(e).message)
    } finally {
      setEnabling(false)
    }
  }

  const reset = () =>
    confirm({
      title: S.resetConfirmTitle,
      content: S.resetConfirmContent(user.displayName),
      confirmText: S.reset,
      danger: true,
      onConfirm: async () => {
        setError(null)
        try {
          const result = await resetUserPassword(user.id)
          onChange(result.user)
          setInvite(result.invite)
          toast(S.resetDone)
        } catch (e) {
          setError(toApiError(e).message)
        }
      },
    })

  return (
    <Popup
      className="user-panel-popup"
      visible
      position="bottom"
      round
      closeable
      title={S.panelTitle}
      onClose={onClose}
      onOverlayClick={() => {
        onClose()
        return true
      }}
    >
      <ScrollView className="user-panel" scrollY>
        <View className="user-panel-who">
          <Text className="user-panel-name">{user.displayName}</Text>
          {user.username ? <Text className="user-panel-account">{user.username}</Text> : null}
          {user.email ? <Text className="user-panel-account">{user.email}</Text> : null}
        </View>

        <FormField className="user-panel-roles-field" label={S.rolesLabel} error={rolesError}>
          <RoleCheckboxes
            prefix="user-panel-roles"
            value={roles}
            onChange={(next) => {
              setRoles(next)
              setRolesError(undefined)
            }}
          />
        </FormField>
        <View className="user-panel-actions">
          <Button
            className="user-panel-save-roles"
            size="small"
            type="primary"
            loading={savingRoles}
            disabled={savingRoles}
            onClick={() => void saveRoles()}
          >
            {S.saveRoles}
          </Button>
        </View>

        {user.disabled ? (
          <View className="user-panel-section">
            <Text className="user-panel-section-title">{S.statusDisabled}</Text>
            <View className="user-panel-actions">
              <Button
                className="user-panel-enable"
                size="small"
                type="primary"
                fill="outline"
                loading={enabling}
                disabled={enabling}
                onClick={() => void enable()}
              >
                {S.enable}
              </Button>
            </View>
          </View>
        ) : (
          <View className="user-panel-section">
            <ReasonField
              className="user-panel-reason"
              inputClassName="user-panel-reason-input"
              label={S.disableReasonLabel}
              placeholder={S.disableReasonPlaceholder}
              maxLength={500}
              value={reason}
              error={reasonError}
              onChange={setReason}
              onClearError={() => setReasonError(undefined)}
            />
            <View className="user-panel-actions">
              <Button className="user-panel-disable" size="small" fill="outline" onClick={disable}>
                {S.disable}
              </Button>
            </View>
          </View>
        )}

        {user.username ? (
          <View className="user-panel-section">
            <Text className="user-panel-section-title">{S.reset}</Text>
            <View className="user-panel-actions">
              <Button className="user-panel-reset" size="small" fill="outline" onClick={reset}>
                {S.reset}
              </Button>
            </View>
            {invite ? (
              <OneTimeCodeCard
                className="user-panel-invite"
                title={S.inviteTitle}
                code={invite.code}
                expiresAt={invite.expiresAt}
                note={S.inviteNote}
              />
            ) : null}
          </View>
        ) : null}

        <FormError className="user-panel-error" message={error} />
      </ScrollView>
    </Popup>
  )
}
