import { useRef, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import {
  OBJECTION_EVIDENCE_MAX,
  OBJECTION_GROUNDS_MAX,
  OBJECTOR_KINDS,
  ObjectionFileSchema,
  ObjectionTargetQuerySchema,
  RETENTION_TABLE,
  formatDate,
  inShanghai,
  type ObjectorKind,
  type ObjectionReceipt,
} from '@zlbg/shared'
import { AttachmentPicker, type AttachmentItem } from '../../../components/AttachmentPicker'
import { useConfirm } from '../../../components/ConfirmDialog'
import { EmptyState } from '../../../components/EmptyState'
import { FormError, SubmitButton, TextField } from '../../../components/FormField'
import { LoadStates } from '../../../components/LoadStates'
import { SignInPrompt } from '../../../components/SignInPrompt'
import { useForm } from '../../../hooks/useForm'
import { useLoaded } from '../../../hooks/useLoaded'
import { useMe } from '../../../hooks/useMe'
import { waitText } from '../../../format'
import { openPage, PAGES } from '../../../navigation'
import { Button } from '../../../ui/nutui'
import { fetchTarget, fileObjection, newIdempotencyKey, windowOpen, type ObjectionTarget } from '../api'
import { OBJECTION_STRINGS } from '../strings'
import { TextBox } from '../TextBox'
import '../objection.css'

const S = OBJECTION_STRINGS.file
const endOf = (t: ObjectionTarget) => `${formatDate(t.window.closesAt)} ${inShanghai(t.window.closesAt).format('HH:mm:ss')}`

function Entry({ target }: { target: ObjectionTarget }) {
  return (
    <View className="objection-card objection-target">
      <Text className="objection-card-title objection-target-org">{target.organizationName}</Text>
      <Text className="objection-meta objection-target-title">{`《${target.title}》`}</Text>
      <Text className="objection-meta">{target.callTitle}</Text>
      <Text className="objection-meta objection-target-end">{S.windowLine(endOf(target))}</Text>
      <Text className="objection-meta objection-target-contact">{`${S.contact}：${target.contact}`}</Text>
    </View>
  )
}

const empty = { kind: 'person' as ObjectorKind | string, realName: '', phone: '', organizationName: '', contactPerson: '', grounds: '' }

/** The filing form (第十八条): real name and phone, an organization's contact and sealed letter, grounds, evidence; confirmed before it is sent. */
function Form({ target, onFiled }: { target: ObjectionTarget; onFiled: (receipt: ObjectionReceipt) => void }) {
  // One key for this form: a retried tap (a lost answer) files once and gets the same receipt.
  const key = useRef(newIdempotencyKey())
  const [letter, setLetter] = useState<AttachmentItem[]>([])
  const [evidence, setEvidence] = useState<AttachmentItem[]>([])
  const [dialog, confirm] = useConfirm()
  const form = useForm({
    initial: { ...empty, sealLetterId: '', evidenceIds: '' },
    schema: ObjectionFileSchema,
    prepare: (v) => {
      const org = v.kind === 'organization'
      return {
        publicityId: target.publicityId,
        entryId: target.entryId,
        idempotencyKey: key.current,
        kind: v.kind,
        realName: v.realName,
        phone: v.phone,
        ...(org ? { organizationName: v.organizationName || undefined, contactPerson: v.contactPerson || undefined, sealLetterId: letter[0]?.attachmentId } : {}),
        grounds: v.grounds,
        evidenceIds: evidence.map((e) => e.attachmentId),
      }
    },
    send: async (data) => onFiled(await fileObjection(data)),
    // A full line (SERVER_BUSY) or a limit (RATE_LIMITED) says when to try again; the form and its key stay.
    describeError: (error) => (error.retryAfterSeconds !== undefined ? `${error.message}。${S.retryIn(waitText(error.retryAfterSeconds))}` : error.message),
  })
  const org = form.values.kind === 'organization'
  const submit = () =>
    confirm({ title: S.confirmTitle, content: S.confirmContent, confirmText: S.submit, onConfirm: async () => void (await form.submit()) })

  return (
    <View className="objection-form">
      <View className="objection-card">
        <View className="form-field objection-kind-field">
          <Text className="form-field-label">{S.kind}</Text>
          <View className="objection-kinds">
            {OBJECTOR_KINDS.map((k) => (
              <View key={k} className={`objection-kind objection-kind-${k}${form.values.kind === k ? ' objection-kind--on' : ''}`} onClick={() => form.set('kind', k)}>
                <Text>{S.kinds[k]}</Text>
              </View>
            ))}
          </View>
        </View>
        {org ? <TextField className="objection-org-name" label={S.organizationName} maxLength={100} {...form.field('organizationName')} /> : null}
        {org ? <TextField className="objection-contact-person" label={S.contactPerson} maxLength={30} {...form.field('contactPerson')} /> : null}
        <TextField className="objection-real-name" label={org ? S.realNameOrg : S.realName} maxLength={30} {...form.field('realName')} />
        <TextField className="objection-phone" label={S.phone} placeholder={S.phonePlaceholder} maxLength={20} {...form.field('phone')} />
        {org ? (
          <View className="form-field objection-seal-letter">
            <Text className="form-field-label">{S.sealLetter}</Text>
            <AttachmentPicker className="objection-seal-letter-files" value={letter} onChange={setLetter} max={1} />
            {form.errors.sealLetterId ? <Text className="form-field-error">{form.errors.sealLetterId}</Text> : null}
          </View>
        ) : null}
        <TextBox className="objection-grounds" label={S.grounds} hint={S.groundsHint} maxLength={OBJECTION_GROUNDS_MAX} {...form.field('grounds')} />
        <View className="form-field objection-evidence">
          <Text className="form-field-label">{`${S.evidence}（${S.evidenceNote}）`}</Text>
          <AttachmentPicker className="objection-evidence-files" value={evidence} onChange={setEvidence} max={OBJECTION_EVIDENCE_MAX} />
          {form.errors.evidenceIds ? <Text className="form-field-error">{form.errors.evidenceIds}</Text> : null}
        </View>
        <FormError message={form.formError} className="objection-form-error" />
        <SubmitButton className="objection-submit" submitting={form.submitting} onClick={submit}>
          {S.submit}
        </SubmitButton>
      </View>
      {dialog}
    </View>
  )
}

function Received({ receipt }: { receipt: ObjectionReceipt }) {
  return (
    <View className="objection-card objection-received">
      <Text className="objection-card-title">{S.received}</Text>
      <Text className="objection-meta">{S.receiptLabel}</Text>
      <Text className="objection-receipt">{receipt.receiptNumber}</Text>
      <Text className="objection-meta">{S.receivedHint}</Text>
      <View className="objection-actions">
        <Button className="objection-to-mine" type="primary" block onClick={() => openPage(`${PAGES.objectionDetail}?id=${receipt.id}`)}>
          {S.toMine}
        </Button>
      </View>
    </View>
  )
}

export default function FileObjection() {
  const { params } = useRouter()
  const valid = ObjectionTargetQuerySchema.safeParse({ publicityId: params.publicityId, entryId: params.entryId }).success
  const loaded = useLoaded(fetchTarget, valid ? `${params.publicityId}:${params.entryId}` : undefined)
  const { status: meStatus, me } = useMe()
  const [receipt, setReceipt] = useState<ObjectionReceipt | null>(null)
  const target = loaded.data

  let body
  if (!target) {
    body = (
      <LoadStates
        status={loaded.status}
        error={loaded.error}
        onRetry={() => void loaded.reload()}
        loading={{ className: 'objection-loading', rows: [3, 6], boxClassName: 'objection-card' }}
        classes={{ notFound: 'objection-not-found', back: 'objection-back', error: 'objection-error', retry: 'objection-retry' }}
        strings={{ notFoundTitle: S.notFound, notFoundDescription: '', errorTitle: S.loadError }}
      />
    )
  } else if (receipt) {
    body = <Received receipt={receipt} />
  } else {
    const now = Date.now()
    const notYet = target.entryStatus === 'listed' && now < Date.parse(target.window.opensAt)
    body = (
      <>
        <Entry target={target} />
        <Text className="objection-notice objection-real-name-notice">{`${S.realNameNotice}${RETENTION_TABLE.objectors.notice}`}</Text>
        {!windowOpen(target, now) ? (
          <EmptyState kind="empty" className="objection-closed" title={S.closed} description={notYet ? S.notOpenYet(formatDate(target.window.opensAt)) : S.closedHint(endOf(target))} />
        ) : meStatus === 'signedOut' || (meStatus === 'ready' && !me?.roles.includes('wechat_user')) ? (
          <SignInPrompt reason={S.signIn} />
        ) : (
          <Form target={target} onFiled={setReceipt} />
        )}
      </>
    )
  }
  return <View className="page objection objection-file">{body}</View>
}
