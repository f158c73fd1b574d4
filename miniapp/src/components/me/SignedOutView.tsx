import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { WeChatLoginSchema } from '@zlbg/shared'
import { fetchAuthMethods, loginWithWeChatCode } from '../../api/account'
import { showApiError } from '../../api/client'
import { ApiError, toApiError } from '../../api/errors'
import { useForm } from '../../hooks/useForm'
import { openPage, PAGES } from '../../navigation'
import { STRINGS } from '../../strings'
import { Button, CellGroup, Tag } from '../../ui/nutui'
import { THEME } from '../../theme'
import { FormError, TextField } from '../FormField'
import { LinkCell } from './LinkCell'

const S = STRINGS.me

/** The mini-program: wx.login's one-time code, exchanged by the server for the WeChat identity. */
function WeChatLoginButton() {
  const [busy, setBusy] = useState(false)
  const login = async () => {
    if (busy) return
    setBusy(true)
    try {
      let code: string | undefined
      try {
        code = (await Taro.login()).code
      } catch {
        code = undefined
      }
      if (!code) {
        showApiError(new ApiError('UNEXPECTED_RESPONSE', S.wechatLoginFailed))
        return
      }
      await loginWithWeChatCode(code)
    } catch (e) {
      toApiError(e) // already shown by the request layer
    } finally {
      setBusy(false)
    }
  }
  return (
    <Button className="me-login-wechat" type="primary" block loading={busy} disabled={busy} onClick={() => void login()}>
      {busy ? S.wechatLoggingIn : S.wechatLogin}
    </Button>
  )
}

/**
 * H5 has no wx.login. In development the server's WeChat stand-in accepts made-up codes such as
 * `alice.1`, so the browser build offers a field for one — clearly marked as a simulation.
 */
function DevWeChatLogin() {
  const form = useForm({
    initial: { code: '' },
    schema: WeChatLoginSchema,
    send: async ({ code }) => {
      await loginWithWeChatCode(code)
    },
    codeFields: { WECHAT_CODE_INVALID: 'code' },
  })
  return (
    <View className="me-dev-login">
      <View className="me-dev-login-head">
        <Tag className="zlbg-tag me-dev-tag" plain background={THEME.warning}>
          {S.devTag}
        </Tag>
      </View>
      <TextField
        className="me-dev-code"
        label={S.devCodeLabel}
        placeholder={S.devCodePlaceholder}
        hint={S.devCodeHint}
        maxLength={128}
        {...form.field('code')}
        onConfirm={() => void form.submit()}
      />
      <FormError message={form.formError} />
      <Button
        className="me-dev-login-submit"
        type="primary"
        fill="outline"
        block
        loading={form.submitting}
        disabled={form.submitting}
        onClick={() => void form.submit()}
      >
        {S.devLogin}
      </Button>
    </View>
  )
}

/**
 * In a browser there is no WeChat: the simulated sign-in appears only while the server itself uses
 * the stand-in, so a deployed workbench never offers it.
 */
function BrowserWeChatLogin() {
  const [standIn, setStandIn] = useState(false)
  useEffect(() => {
    fetchAuthMethods()
      .then((m) => setStandIn(m.wechat === 'standin'))
      .catch(() => setStandIn(false))
  }, [])
  return standIn ? <DevWeChatLogin /> : <Text className="me-browser-hint">{S.browserUsePassword}</Text>
}

/** 我的, signed out: every way of signing in, and why the last session ended if it did. */
export function SignedOutView({ endedMessage }: { endedMessage: string | null }) {
  return (
    <View className="me-signed-out">
      {endedMessage ? (
        <View className="me-session-ended">
          <Text className="me-session-ended-title">{S.sessionEnded}</Text>
          <Text className="me-session-ended-text">{endedMessage}</Text>
        </View>
      ) : null}
      <View className="me-card me-login-card">
        <Text className="me-login-title">{S.signedOutTitle}</Text>
        <Text className="me-login-description">{S.signedOutDescription}</Text>
        <View className="me-login-actions">
          {process.env.TARO_ENV === 'h5' ? <BrowserWeChatLogin /> : <WeChatLoginButton />}
        </View>
      </View>
      <CellGroup className="me-login-links">
        <LinkCell className="me-login-password" title={S.passwordLogin} onClick={() => openPage(PAGES.passwordLogin)} />
        <LinkCell className="me-login-invite" title={S.acceptInvite} onClick={() => openPage(PAGES.acceptInvite)} isLast />
      </CellGroup>
    </View>
  )
}
