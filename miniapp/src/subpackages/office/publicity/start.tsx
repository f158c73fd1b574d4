import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { CallPublicityParamsSchema, fieldErrors, formatDay, PUBLICITY_CONTACT_MAX, PublicityContactSchema, type Me } from '@zlbg/shared'
import { previewPublicity, startPublicity, type PublicityPreview } from '../../../api/officePublicity'
import { toApiError } from '../../../api/errors'
import { useConfirm } from '../../../components/ConfirmDialog'
import { EmptyState } from '../../../components/EmptyState'
import { FormError, FormField } from '../../../components/FormField'
import { LoadStates } from '../../../components/LoadStates'
import { Section } from '../../../components/Section'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { dayString } from '../../../format'
import { useLoaded, validId } from '../../../hooks/useLoaded'
import { openPage, PAGES } from '../../../navigation'
import { STRINGS } from '../../../strings'
import { Button } from '../../../ui/nutui'
import { DatePicker, TextArea } from '../../../ui/nutui-office'
import { OfficeHeader } from '../components/OfficeHeader'
import { StaffOnly } from '../components/StaffOnly'
import { addDays, pickerDate } from '../dates'
import { PUBLICITY_STRINGS as S } from './strings'
import '../components/office.css'
import './publicity.css'

const loadPreview = (callId: string) => previewPublicity(callId)

/**
 * Publishing one call's list (第十八条): the recommended entries, a start day (the server computes
 * the window on the confirmed calendar and answers it — or why not — before anything is written),
 * the contact text, then a confirmation naming the window and the count.
 */
function StartForm({ preview, initialStart }: { preview: PublicityPreview; initialStart: string | null }) {
  const [start, setStart] = useState<string | null>(initialStart)
  const [picking, setPicking] = useState(false)
  const [computed, setComputed] = useState<{ start: string; answer: PublicityPreview['window'] | { refusal: string } } | null>(null)
  const [contact, setContact] = useState<string>(preview.suggestedContact)
  const [contactError, setContactError] = useState<string | undefined>()
  const [failure, setFailure] = useState<string | null>(null)
  const [dialog, confirm] = useConfirm()

  useEffect(() => {
    if (!start) return
    let current = true
    previewPublicity(preview.callId, start)
      .then((p) => current && setComputed({ start, answer: p.window }))
      .catch((e) => current && setComputed({ start, answer: { refusal: toApiError(e).message } }))
    return () => {
      current = false
    }
  }, [start, preview.callId])

  const answer = computed && computed.start === start ? computed.answer : null
  const window = answer && 'startDay' in answer ? answer : null

  const submit = () => {
    const checked = PublicityContactSchema.safeParse(contact)
    if (!checked.success) {
      setContactError(fieldErrors(checked.error)[0]?.message)
      return
    }
    if (!window) return
    confirm({
      title: S.confirmTitle,
      content: S.confirmText(preview.entries.length, window.display),
      confirmText: S.confirm,
      onConfirm: async () => {
        setFailure(null)
        try {
          const list = await startPublicity(preview.callId, { startDay: window.startDay, contact: checked.data })
          void Taro.showToast({ title: S.published, icon: 'success' })
          openPage(`${PAGES.publicityDetail}?id=${encodeURIComponent(list.id)}`)
        } catch (e) {
          setFailure(toApiError(e).message)
        }
      },
    })
  }

  return (
    <>
      <Section title={S.entriesTitle} article={S.article} className="publicity-start-entries">
        {preview.entries.map((e, i) => (
          <View key={e.applicationId} className="publicity-start-entry">
            <Text className="publicity-start-entry-index">{i + 1}</Text>
            <View className="publicity-start-entry-text">
              <Text className="publicity-start-entry-title">{e.title}</Text>
              <Text className="publicity-start-entry-org">{[e.organizationName, e.sector, e.region].filter(Boolean).join(' · ')}</Text>
            </View>
          </View>
        ))}
      </Section>
      <Section title={S.startDay} className="publicity-start-window">
        <FormField className="publicity-start-day" label={S.startDay} hint={S.startHint}>
          <Text className="publicity-start-day-value" onClick={() => setPicking(true)}>
            {start ? formatDay(start) : S.pick}
          </Text>
        </FormField>
        <DatePicker
          className="publicity-start-picker"
          title={S.startDay}
          type="date"
          visible={picking}
          showChinese
          value={pickerDate(start ?? preview.today)}
          startDate={pickerDate(preview.today)}
          endDate={pickerDate(addDays(preview.today, 366))}
          onClose={() => setPicking(false)}
          onConfirm={(_options, values) => setStart(dayString(Number(values[0]), Number(values[1]), Number(values[2])))}
        />
        {start && !answer ? <Text className="publicity-start-computing">{S.computing}</Text> : null}
        {window ? (
          <View className="publicity-start-result">
            <Text className="publicity-start-result-title">{S.windowTitle}</Text>
            <Text className="publicity-start-result-window">{window.display}</Text>
            <Text className="publicity-start-result-days">{`${S.workingDays}：${window.workingDays.map(formatDay).join('、')}`}</Text>
          </View>
        ) : null}
        {answer && 'refusal' in answer ? <FormError className="publicity-start-refusal" message={answer.refusal} /> : null}
      </Section>
      <Section title={S.contact} className="publicity-start-contact-section">
        <FormField className="publicity-start-contact" label={S.contact} hint={S.contactHint} error={contactError}>
          <TextArea
            className="publicity-start-contact-input"
            value={contact}
            placeholder={S.contactPlaceholder}
            maxLength={PUBLICITY_CONTACT_MAX}
            rows={6}
            onChange={(next) => {
              setContact(next)
              setContactError(undefined)
            }}
          />
        </FormField>
      </Section>
      <FormError className="publicity-start-failure" message={failure} />
      <View className="publicity-start-submit-row">
        <Button className="publicity-start-submit" type="primary" block disabled={!window} onClick={submit}>
          {S.start}
        </Button>
      </View>
      {dialog}
    </>
  )
}

function StartWorkbench({ callId, initialStart }: { callId: string | undefined; initialStart: string | null }) {
  const { status, data, error, reload } = useLoaded(loadPreview, callId, { toastErrors: true })
  if (!callId) return <EmptyState kind="notFound" className="publicity-start-no-call" title={S.callMissing} description="" />
  if (status !== 'ready' || !data) {
    return (
      <LoadStates
        status={status}
        error={error}
        onRetry={reload}
        loading={{ className: 'publicity-start-loading', rows: [2, 4] }}
        classes={{ notFound: 'publicity-start-not-found', back: 'publicity-start-back', error: 'publicity-start-error', retry: 'publicity-start-retry' }}
        strings={{ notFoundTitle: STRINGS.callDetail.notFoundTitle, notFoundDescription: STRINGS.callDetail.notFoundDescription, errorTitle: S.errorTitle }}
      />
    )
  }
  return (
    <View className="publicity-start">
      <OfficeHeader title={S.startTitle}>
        <Text className="office-total publicity-start-call">{data.callTitle}</Text>
      </OfficeHeader>
      {data.publicityId ? (
        <EmptyState
          kind="empty"
          className="publicity-start-exists"
          title={S.alreadyPublished}
          description=""
          action={{ text: S.view, className: 'publicity-start-view', onClick: () => openPage(`${PAGES.publicityDetail}?id=${encodeURIComponent(data.publicityId!)}`) }}
        />
      ) : data.entries.length === 0 ? (
        <EmptyState kind="empty" className="publicity-start-empty" title={S.entriesEmpty} description={S.emptyHint} />
      ) : (
        <StartForm preview={data} initialStart={initialStart} />
      )}
    </View>
  )
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** 发布公示: ?callId=…, optionally &start=YYYY-MM-DD (a start day already chosen, computed at once). */
export default function OfficePublicityStartPage() {
  const { params } = useRouter()
  const initialStart = params.start && DAY.test(params.start) ? params.start : null
  const callId = validId({ safeParse: ({ id }) => CallPublicityParamsSchema.safeParse({ id }) }, params.callId)
  return (
    <View className="page office">
      <StaffOnly>
        {(me: Me) => (
          <WorkbenchShell me={me} area="publicity">
            <StartWorkbench callId={callId} initialStart={initialStart} />
          </WorkbenchShell>
        )}
      </StaffOnly>
    </View>
  )
}
