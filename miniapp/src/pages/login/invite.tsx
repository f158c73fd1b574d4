import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { AcceptInviteSchema } from '@zlbg/shared'
import { acceptInvite } from '../../api/account'
import { FormError, TextField } from '../../components/FormField'
import { useForm } from '../../hooks/useForm'
import { backToMe } from '../../navigation'
import { STRINGS } from '../../strings'
import { Button } from '../../ui/nutui'
import './login.css'

const S = STRINGS.invite

/** 使用邀请码设置密码: the first sign-in of an account the office created (pages/login/invite?code=…). */
export default function AcceptInvitePage() {
  const { params } = useRouter()
  const form = useForm({
    initial: { code: typeof params.code === 'string' ? decodeURIComponent(params.code) : '', password: '', confirm: '' },
    schema: AcceptInviteSchema,
    prepare: ({ code, password }) => ({ code, password }),
    check: ({ password, confirm }) => (confirm !== password ? { confirm: S.mismatch } : {}),
    send: async ({ code, password }) => {
      const session = await acceptInvite(code, password)
      void Taro.showToast({ title: STRINGS.login.welcome(session.me.displayName), icon: 'none', duration: 2000 })
      backToMe()
    },
    codeFields: { INVITE_INVALID: 'code' },
  })
  const submit = () => void form.submit()

  return (
    <View className="page login">
      <View className="login-card">
        <Text className="login-intro">{S.intro}</Text>
        <TextField
          className="invite-code"
          label={S.codeLabel}
          placeholder={S.codePlaceholder}
          maxLength={10}
          value={form.values.code}
          error={form.errors.code}
          onChange={(value) => form.set('code', value)}
        />
        <TextField
          className="invite-password"
          label={S.passwordLabel}
          placeholder={S.passwordPlaceholder}
          password
          maxLength={128}
          value={form.values.password}
          error={form.errors.password}
          onChange={(value) => form.set('password', value)}
        />
        <TextField
          className="invite-confirm"
          label={S.confirmLabel}
          placeholder={S.confirmPlaceholder}
          password
          maxLength={128}
          value={form.values.confirm}
          error={form.errors.confirm}
          onChange={(value) => form.set('confirm', value)}
          onConfirm={submit}
        />
        <FormError className="invite-error" message={form.formError} />
        <Button
          className="invite-submit"
          type="primary"
          block
          loading={form.submitting}
          disabled={form.submitting}
          onClick={submit}
        >
          {S.submit}
        </Button>
      </View>
    </View>
  )
}
