import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ChangePasswordSchema } from '@zlbg/shared'
import { changePassword } from '../../api/account'
import { confirmMismatch, FormError, NewPasswordFields, SubmitButton, TextField } from '../../components/FormField'
import { SignInPrompt } from '../../components/SignInPrompt'
import { useForm } from '../../hooks/useForm'
import { useMe } from '../../hooks/useMe'
import { goBackOrHome } from '../../navigation'
import { STRINGS } from '../../strings'
import '../login/login.css'

const S = STRINGS.changePassword

function ChangePasswordForm() {
  const form = useForm({
    initial: { currentPassword: '', newPassword: '', confirm: '' },
    schema: ChangePasswordSchema,
    prepare: ({ currentPassword, newPassword }) => ({ currentPassword, newPassword }),
    check: ({ newPassword, confirm }) => confirmMismatch(newPassword, confirm),
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
        {...form.field('currentPassword')}
      />
      <NewPasswordFields
        className="password-new"
        confirmClassName="password-confirm"
        password={form.field('newPassword')}
        confirm={form.field('confirm')}
        onConfirm={submit}
      />
      <FormError className="password-error" message={form.formError} />
      <SubmitButton className="password-submit" submitting={form.submitting} onClick={submit}>
        {S.submit}
      </SubmitButton>
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
