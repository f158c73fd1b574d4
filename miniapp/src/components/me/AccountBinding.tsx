import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { BindCodeInputSchema, formatDateTime, type Me } from '@zlbg/shared'
import { bindWithCode, createBindCode, previewBind, type BindPreview, type OneTimeCode } from '../../api/account'
import { toApiError } from '../../api/errors'
import { FormError, TextField } from '../FormField'
import { STRINGS } from '../../strings'
import { Button } from '../../ui/nutui'
import { OneTimeCodeCard } from '../OneTimeCodeCard'
import { Section } from '../Section'
import { SingleFieldForm } from '../SingleFieldForm'

const S = STRINGS.me

function Status({ className, label, on, onText, offText }: { className: string; label: string; on: boolean; onText: string; offText: string }) {
  return (
    <View className={`me-bind-status ${className}`}>
      <Text className="me-bind-status-label">{label}</Text>
      <Text className={`me-bind-status-value${on ? ' me-bind-status-value--on' : ''}`}>{on ? onText : offText}</Text>
    </View>
  )
}

/**
 * Who is on the other side of an entered code, and the explicit confirmation (issue 12): a code
 * someone else sent would hand them this account, so the person sees the masked other side first.
 */
function BindConfirmation({ code, preview, onDone, onCancel }: { code: string; preview: BindPreview; onDone: () => void; onCancel: () => void }) {
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const other = preview.otherSide
  const confirmBind = async () => {
    setSending(true)
    setError(null)
    try {
      // The request layer puts the merged account (the answer) in the session store.
      await bindWithCode(code, preview.passwordRequired ? password : undefined)
      onDone()
    } catch (err) {
      setError(toApiError(err).message)
    } finally {
      setSending(false)
    }
  }
  return (
    <View className="me-bind-confirm">
      <Text className="me-bind-confirm-title">{S.bindConfirmTitle}</Text>
      <Text className="me-bind-confirm-text">{S.bindConfirmContent}</Text>
      <Text className="me-bind-confirm-other">
        {other.kind === 'wechat' ? S.bindOtherWeChat(other.name) : S.bindOtherBrowser(other.name, other.username)}
      </Text>
      <Text className="me-bind-confirm-time">{S.bindCodeMadeAt(formatDateTime(preview.codeCreatedAt))}</Text>
      <Text className="me-bind-confirm-warning">{S.bindWarning}</Text>
      {preview.passwordRequired ? (
        <TextField
          className="me-bind-password-input"
          label={S.bindPasswordLabel}
          placeholder={S.bindPasswordPlaceholder}
          password
          value={password}
          onChange={setPassword}
        />
      ) : null}
      <FormError message={error} />
      <View className="me-bind-actions">
        <Button className="me-bind-confirm-cancel" size="small" onClick={onCancel}>
          {S.bindCancel}
        </Button>
        <Button
          className="me-bind-confirm-submit"
          size="small"
          type="primary"
          loading={sending}
          disabled={sending || (preview.passwordRequired && !password)}
          onClick={() => void confirmBind()}
        >
          {S.bindConfirm}
        </Button>
      </View>
    </View>
  )
}

/** 账号绑定: one person, one account, whether they sign in with WeChat, a password, or both. */
export function AccountBinding({ me }: { me: Me }) {
  const [code, setCode] = useState<OneTimeCode | null>(null)
  const [creating, setCreating] = useState(false)
  const [entering, setEntering] = useState(false)
  const [pending, setPending] = useState<{ code: string; preview: BindPreview } | null>(null)

  const create = async () => {
    setCreating(true)
    try {
      setCode(await createBindCode())
    } catch {
      // shown by the request layer
    } finally {
      setCreating(false)
    }
  }

  return (
    <Section title={S.bindTitle} className="me-bind">
      <Text className="me-bind-intro">{S.bindIntro}</Text>
      <View className="me-bind-statuses">
        <Status className="me-bind-wechat" label={S.wechatBound} on={me.wechatBound} onText={S.bound} offText={S.notBound} />
        <Status className="me-bind-password" label={S.passwordSet} on={me.hasPassword} onText={S.set} offText={S.notSet} />
      </View>
      <View className="me-bind-actions">
        <Button
          className="me-bind-create"
          size="small"
          type="primary"
          fill="outline"
          loading={creating}
          disabled={creating}
          onClick={() => void create()}
        >
          {S.bindCreate}
        </Button>
        <Button className="me-bind-enter" size="small" type={entering ? 'primary' : 'default'} onClick={() => setEntering((v) => !v)}>
          {S.bindEnter}
        </Button>
      </View>
      {code ? (
        <OneTimeCodeCard className="me-bind-code" title={S.bindCodeTitle} code={code.code} expiresAt={code.expiresAt} note={S.bindCodeNote} />
      ) : null}
      {entering && !pending ? (
        <SingleFieldForm
          className="me-bind-form"
          field="code"
          schema={BindCodeInputSchema}
          label={S.bindCodeLabel}
          placeholder={S.bindCodePlaceholder}
          submitText={S.bindSubmit}
          maxLength={13}
          fieldCodes={['BIND_CODE_INVALID', 'BIND_CONFLICT', 'BIND_GUARDED']}
          onSubmit={async ({ code: input }) => {
            setPending({ code: input, preview: await previewBind(input) })
          }}
        />
      ) : null}
      {pending ? (
        <BindConfirmation
          code={pending.code}
          preview={pending.preview}
          onCancel={() => setPending(null)}
          onDone={() => {
            setPending(null)
            setEntering(false)
            setCode(null)
            void Taro.showToast({ title: S.bindDone, icon: 'success', duration: 2000 })
          }}
        />
      ) : null}
    </Section>
  )
}
