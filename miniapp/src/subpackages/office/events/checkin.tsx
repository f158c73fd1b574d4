import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { CheckInEventParamsSchema, inShanghai, type CheckInAttendee, type Me } from '@zlbg/shared'
import { checkIn, exportEventAttendance, fetchCheckInBoard, markNoShows, type CheckInBoard, type CheckInResult } from '../../../api/checkin'
import { toApiError } from '../../../api/errors'
import { useConfirm } from '../../../components/ConfirmDialog'
import { TextField } from '../../../components/FormField'
import { LoadStates } from '../../../components/LoadStates'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { useLoaded, validId } from '../../../hooks/useLoaded'
import { PAGES } from '../../../navigation'
import { Button } from '../../../ui/nutui'
import { ExportButton } from '../components/ExportButton'
import { OfficeHeader } from '../components/OfficeHeader'
import { StaffOnly } from '../components/StaffOnly'
import { CHECKIN_STRINGS as S } from './strings'
import '../components/office.css'
import './checkin.css'

/** What the last scan or typed code came to: the server's answer, or its refusal. */
type Outcome = { kind: 'checked_in' | 'already_checked_in'; result: CheckInResult } | { kind: 'refused'; message: string }

function Counts({ board }: { board: CheckInBoard }) {
  const keys = ['confirmed', 'attended', 'waitlisted', 'noShow', 'cancelled'] as const
  return (
    <View className="checkin-counts">
      {keys.map((k) => (
        <View key={k} className={`checkin-count checkin-count-${k}`}>
          <Text className="checkin-count-n">{String(board.counts[k])}</Text>
          <Text className="checkin-count-label">{S.counts[k]}</Text>
        </View>
      ))}
    </View>
  )
}

function OutcomeCard({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'refused') {
    return (
      <View className="checkin-outcome checkin-outcome--refused">
        <Text className="checkin-outcome-title">{S.refused}</Text>
        <Text className="checkin-outcome-message">{outcome.message}</Text>
      </View>
    )
  }
  const a = outcome.result.attendee
  return (
    <View className={`checkin-outcome checkin-outcome--${outcome.kind}`}>
      <Text className="checkin-outcome-title">{outcome.kind === 'checked_in' ? S.checkedIn : S.already}</Text>
      <Text className="checkin-outcome-name">{`${a.name}（${a.title}）`}</Text>
      <Text className="checkin-outcome-org">{a.organizationName}</Text>
      {outcome.kind === 'already_checked_in' ? <Text className="checkin-outcome-message">{outcome.result.message}</Text> : null}
    </View>
  )
}

function RecentRow({ a }: { a: CheckInAttendee }) {
  return (
    <View className="checkin-recent-row">
      <View className="checkin-recent-who">
        <Text className="checkin-recent-name">{a.name}</Text>
        <Text className="checkin-recent-org">{a.organizationName}</Text>
      </View>
      <Text className="checkin-recent-at">{a.checkedInAt ? inShanghai(a.checkedInAt).format('HH:mm') : ''}</Text>
    </View>
  )
}

function CheckInDesk({ board, onChanged, outcome, setOutcome }: { board: CheckInBoard; onChanged: () => Promise<void>; outcome: Outcome | null; setOutcome: (o: Outcome) => void }) {
  const [credential, setCredential] = useState('')
  const [sending, setSending] = useState(false)
  const [dialog, confirm] = useConfirm()
  const event = board.event

  const send = async (value: string) => {
    const trimmed = value.trim()
    if (!trimmed || sending) return
    setSending(true)
    try {
      const result = await checkIn(event.id, trimmed)
      setOutcome({ kind: result.outcome, result })
      setCredential('')
    } catch (e) {
      setOutcome({ kind: 'refused', message: toApiError(e).message })
    } finally {
      setSending(false)
      void onChanged()
    }
  }

  // WeChat's scanner; the browser workbench types the code instead (Taro's H5 scanCode needs the WeChat JS-SDK).
  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      await send(result)
    } catch {
      void Taro.showToast({ title: S.scanFailed, icon: 'none' })
    }
  }

  const noShows = () =>
    confirm({
      title: S.noShowsTitle,
      content: S.noShowsContent(board.counts.confirmed),
      confirmText: S.noShows,
      danger: true,
      onConfirm: async () => {
        const { marked } = await markNoShows(event.id)
        void Taro.showToast({ title: S.noShowsDone(marked), icon: 'none' })
        await onChanged()
      },
    })

  return (
    <View className="checkin">
      <OfficeHeader
        title={S.title}
        actions={<ExportButton className="checkin-export" label={S.export} busyLabel={S.exporting} onExport={() => exportEventAttendance(event.id, S.fileName(event.title))} />}
      >
        <Text className="office-total checkin-event-title">{event.title}</Text>
        <Text className="office-total checkin-event-time">{`${S.time(event.startsAt, event.endsAt)} · ${event.modeLabel}${event.place ? ` · ${event.place}` : ''} · ${event.stateLabel}`}</Text>
      </OfficeHeader>
      <Counts board={board} />
      <View className="office-card checkin-desk">
        {board.canCheckIn ? (
          <>
            <TextField
              className="checkin-credential"
              label={S.credential}
              placeholder={S.credentialPlaceholder}
              maxLength={2000}
              value={credential}
              onChange={setCredential}
              onConfirm={() => void send(credential)}
            />
            <View className="checkin-actions">
              <Button className="checkin-submit" type="primary" loading={sending} disabled={sending || !credential.trim()} onClick={() => void send(credential)}>
                {S.submit}
              </Button>
              {process.env.TARO_ENV === 'weapp' ? (
                <Button className="checkin-scan" type="primary" fill="outline" disabled={sending} onClick={() => void scan()}>
                  {S.scan}
                </Button>
              ) : null}
            </View>
          </>
        ) : (
          <Text className="checkin-closed">{['published', 'registration_closed'].includes(event.state) ? S.notOpen(event.checkInOpensAt) : S.closed(event.stateLabel)}</Text>
        )}
        {outcome ? <OutcomeCard outcome={outcome} /> : null}
      </View>
      <View className="office-card checkin-recent">
        <View className="checkin-recent-head">
          <Text className="checkin-section-title">{S.recent}</Text>
          <Button className="checkin-no-shows" size="small" type="danger" fill="outline" disabled={!board.canMarkNoShows || board.counts.confirmed === 0} onClick={noShows}>
            {S.noShows}
          </Button>
        </View>
        {!board.canMarkNoShows ? <Text className="checkin-hint">{S.noShowsLater}</Text> : null}
        {board.recent.length ? board.recent.map((a) => <RecentRow key={a.registrationId} a={a} />) : <Text className="checkin-hint checkin-recent-empty">{S.recentEmpty}</Text>}
      </View>
      {dialog}
    </View>
  )
}

/**
 * 现场签到 (第二十条): the office checks attendees in at one event — WeChat's scanner in the
 * mini-program, the short code typed in the browser — and sees at once who it was, or why not (an
 * attendee already checked in: when and by whom). Counts and the latest arrivals follow each check-in;
 * after the event the rest are marked no-shows, and the attendance list downloads as xlsx.
 */
export default function CheckInPage() {
  const { params } = useRouter()
  const loaded = useLoaded(fetchCheckInBoard, validId(CheckInEventParamsSchema, params.id))
  // Kept above the shell: turning a tablet (phone ↔ desktop layout) rebuilds the desk, not the last answer.
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  return (
    <View className="page office">
      <StaffOnly>
        {(me: Me) => (
          <WorkbenchShell me={me} area="checkin" within context={{ key: 'checkin', url: `${PAGES.officeEventCheckIn}?id=${params.id ?? ''}`, ...(loaded.data ? { detail: loaded.data.event.title } : {}) }}>
            {loaded.data ? (
              <CheckInDesk board={loaded.data} onChanged={() => loaded.refresh()} outcome={outcome} setOutcome={setOutcome} />
            ) : (
              <LoadStates
                status={loaded.status}
                error={loaded.error}
                onRetry={() => void loaded.reload()}
                loading={{ className: 'checkin-loading', rows: [3, 4], boxClassName: 'office-card' }}
                classes={{ notFound: 'checkin-not-found', back: 'checkin-back', error: 'checkin-error', retry: 'checkin-retry' }}
                strings={{ notFoundTitle: S.notFound, notFoundDescription: S.notFoundHint, errorTitle: S.errorTitle }}
              />
            )}
          </WorkbenchShell>
        )}
      </StaffOnly>
    </View>
  )
}
