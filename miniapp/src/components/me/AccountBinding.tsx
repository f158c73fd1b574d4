import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { CodeInputSchema, type Me } from '@zlbg/shared'
import { bindWithCode, createBindCode, type OneTimeCode } from '../../api/account'
import { STRINGS } from '../../strings'
import { Button } from '../../ui/nutui'
import type { ConfirmOptions } from '../ConfirmDialog'
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

/** 账号绑定: one person, one account, whether they sign in with WeChat, a password, or both. */
export function AccountBinding({ me, confirm }: { me: Me; confirm: (options: ConfirmOptions) => void }) {
  const [code, setCode] = useState<OneTimeCode | null>(null)
  const [creating, setCreating] = useState(false)
  const [entering, setEntering] = useState(false)

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
      {entering ? (
        <SingleFieldForm
          className="me-bind-form"
          field="code"
          schema={CodeInputSchema}
          label={S.bindCodeLabel}
          placeholder={S.bindCodePlaceholder}
          submitText={S.bindSubmit}
          maxLength={10}
          fieldCodes={['BIND_CODE_INVALID', 'BIND_CONFLICT']}
          confirm={{ open: confirm, title: S.bindConfirmTitle, content: S.bindConfirmContent }}
          onSubmit={async ({ code: input }) => {
            // The request layer puts the merged account (the answer) in the session store.
            await bindWithCode(input)
            setEntering(false)
            setCode(null)
            void Taro.showToast({ title: S.bindDone, icon: 'success', duration: 2000 })
          }}
        />
      ) : null}
    </Section>
  )
}
