import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PasswordLoginSchema } from '@zlbg/shared'
import { loginWithPassword } from '../../api/account'
import type { ApiError } from '../../api/errors'
import { FormError, TextField } from '../../components/FormField'
import { waitText } from '../../format'
import { useForm } from '../../hooks/useForm'
import { backToMe, openPage, PAGES } from '../../navigation'
import { STRINGS } from '../../strings'
import { Button } from '../../ui/nutui'
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
      void Taro.showToast({ title: S.welcome(session.me.displayName), icon: 'none', duration: 2000 })
      backToMe()
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
          value={form.values.login}
          error={form.errors.login}
          onChange={(value) => form.set('login', value)}
        />
        <TextField
          className="login-password"
          label={S.passwordLabel}
          placeholder={S.passwordPlaceholder}
          password
          maxLength={200}
          value={form.values.password}
          error={form.errors.password}
          onChange={(value) => form.set('password', value)}
          onConfirm={submit}
        />
        <FormError className="login-error" message={form.formError} />
        <Button
          className="login-submit"
          type="primary"
          block
          loading={form.submitting}
          disabled={form.submitting}
          onClick={submit}
        >
          {form.submitting ? S.submitting : S.submit}
        </Button>
      </View>
      <View className="login-links">
        <Text className="login-link login-accept-invite" onClick={() => openPage(PAGES.acceptInvite)}>
          {S.acceptInvite}
        </Text>
      </View>
    </View>
  )
}
