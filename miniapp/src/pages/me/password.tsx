import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ChangePasswordSchema } from '@zlbg/shared'
import { changePassword } from '../../api/account'
import { FormError, TextField } from '../../components/FormField'
import { SignInPrompt } from '../../components/SignInPrompt'
import { useForm } from '../../hooks/useForm'
import { useMe } from '../../hooks/useMe'
import { goBackOrHome } from '../../navigation'
import { STRINGS } from '../../strings'
import { Button } from '../../ui/nutui'
import '../login/login.css'

const S = STRINGS.changePassword
const I = STRINGS.invite

function ChangePasswordForm() {
  const form = useForm({
    initial: { currentPassword: '', newPassword: '', confirm: '' },
    schema: ChangePasswordSchema,
    prepare: ({ currentPassword, newPassword }) => ({ currentPassword, newPassword }),
    check: ({ newPassword, confirm }) => (confirm !== newPassword ? { confirm: I.mismatch } : {}),
    send: async ({ currentPassword, newPassword }) => {
      await changePassword(currentPassword, newPassword)
      void Taro.showToast({ title: S.done, icon: 'success', duration: 2000 })
      goBackOrHome()
    },
    codeFields: { WRONG_PASSWORD: 'currentPassword' },
  })
  const submit = () => void form.submit()
  return (
    <View className="login-card">
      <Text className="login-intro">{S.intro}</Text>
      <TextField
        className="password-current"
        label={S.currentLabel}
        placeholder={S.currentPlaceholder}
        password
        value={form.values.currentPassword}
        error={form.errors.currentPassword}
        onChange={(value) => form.set('currentPassword', value)}
      />
      <TextField
        className="password-new"
        label={I.passwordLabel}
        placeholder={I.passwordPlaceholder}
        password
        maxLength={128}
        value={form.values.newPassword}
        error={form.errors.newPassword}
        onChange={(value) => form.set('newPassword', value)}
      />
      <TextField
        className="password-confirm"
        label={I.confirmLabel}
        placeholder={I.confirmPlaceholder}
        password
        maxLength={128}
        value={form.values.confirm}
        error={form.errors.confirm}
        onChange={(value) => form.set('confirm', value)}
        onConfirm={submit}
      />
      <FormError className="password-error" message={form.formError} />
      <Button className="password-submit" type="primary" block loading={form.submitting} disabled={form.submitting} onClick={submit}>
        {S.submit}
      </Button>
    </View>
  )
}

/** 修改密码 (accounts that have a password). */
export default function ChangePasswordPage() {
  const { status, endedMessage } = useMe()
  return (
    <View className="page login">
      {status === 'signedOut' ? <SignInPrompt reason={endedMessage} /> : <ChangePasswordForm />}
    </View>
  )
}
