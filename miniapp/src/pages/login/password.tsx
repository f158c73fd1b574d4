import { Text, View } from '@tarojs/components'
import { PasswordLoginSchema } from '@zlbg/shared'
import { loginWithPassword } from '../../api/account'
import type { ApiError } from '../../api/errors'
import { FormError, SubmitButton, TextField } from '../../components/FormField'
import { waitText } from '../../format'
import { useForm } from '../../hooks/useForm'
import { openPage, PAGES, welcomeBackToMe } from '../../navigation'
import { STRINGS } from '../../strings'
import './login.css'

const S = STRINGS.login

/** LOGIN_LOCKED says when to try again; any other failure is the server's own message. */
function describeLoginError(error: ApiError): string {
  if (error.code === 'LOGIN_LOCKED' && error.retryAfterSeconds !== undefined) {
    return `${error.message}。${S.lockedRetry(waitText(error.retryAfterSeconds))}`
  }
  return error.message
}

/** 账号密码登录: office staff, experts and approvers in a browser (or the mini-program). */
export default function PasswordLoginPage() {
  const form = useForm({
    initial: { login: '', password: '' },
    schema: PasswordLoginSchema,
    send: async ({ login, password }) => {
      const session = await loginWithPassword(login, password)
      welcomeBackToMe(session.me.displayName)
    },
    describeError: describeLoginError,
  })
  const submit = () => void form.submit()

  return (
    <View className="page login">
      <View className="login-card">
        <Text className="login-intro">{S.intro}</Text>
        <TextField
          className="login-login"
          label={S.loginLabel}
          placeholder={S.loginPlaceholder}
          maxLength={100}
          {...form.field('login')}
        />
        <TextField
          className="login-password"
          label={S.passwordLabel}
          placeholder={S.passwordPlaceholder}
          password
          maxLength={200}
          {...form.field('password')}
          onConfirm={submit}
        />
        <FormError className="login-error" message={form.formError} />
        <SubmitButton className="login-submit" submitting={form.submitting} onClick={submit}>
          {form.submitting ? S.submitting : S.submit}
        </SubmitButton>
      </View>
      <View className="login-links">
        <Text className="login-link login-accept-invite" onClick={() => openPage(PAGES.acceptInvite)}>
          {S.acceptInvite}
        </Text>
      </View>
    </View>
  )
}
