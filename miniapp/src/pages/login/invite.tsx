import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { AcceptInviteSchema } from '@zlbg/shared'
import { acceptInvite } from '../../api/account'
import { confirmMismatch, FormError, NewPasswordFields, SubmitButton, TextField } from '../../components/FormField'
import { useForm } from '../../hooks/useForm'
import { welcomeBackToMe } from '../../navigation'
import { STRINGS } from '../../strings'
import './login.css'

const S = STRINGS.invite

/** 使用邀请码设置密码: the first sign-in of an account the office created (pages/login/invite?code=…). */
export default function AcceptInvitePage() {
  const { params } = useRouter()
  const form = useForm({
    initial: { code: typeof params.code === 'string' ? decodeURIComponent(params.code) : '', password: '', confirm: '' },
    schema: AcceptInviteSchema,
    prepare: ({ code, password }) => ({ code, password }),
    check: ({ password, confirm }) => confirmMismatch(password, confirm),
    send: async ({ code, password }) => {
      const session = await acceptInvite(code, password)
      welcomeBackToMe(session.me.displayName)
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
          {...form.field('code')}
        />
        <NewPasswordFields
          className="invite-password"
          confirmClassName="invite-confirm"
          password={form.field('password')}
          confirm={form.field('confirm')}
          onConfirm={submit}
        />
        <FormError className="invite-error" message={form.formError} />
        <SubmitButton className="invite-submit" submitting={form.submitting} onClick={submit}>
          {S.submit}
        </SubmitButton>
      </View>
    </View>
  )
}
