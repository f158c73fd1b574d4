import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import {
  arrangementProblems,
  CALENDAR_SOURCE_LABELS,
  formatDate,
  formatDateTime,
  formatDay,
  inShanghai,
  YearArrangementInputSchema,
  type CalendarDay,
  type FieldError,
  type Me,
} from '@zlbg/shared'
import {
  confirmCalendarYear,
  fetchCalendar,
  fetchCalendarYear,
  previewPublicityWindow,
  type CalendarOverviewView,
  type CalendarYearView,
  type PublicityWindowView,
} from '../../../api/calendar'
import { toApiError } from '../../../api/errors'
import { useConfirm } from '../../../components/ConfirmDialog'
import { FormError, FormField, TextField } from '../../../components/FormField'
import { LoadStates } from '../../../components/LoadStates'
import { Section } from '../../../components/Section'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { dayString, shanghaiToday } from '../../../format'
import { useDesktop } from '../../../hooks/useDesktop'
import { useLoaded } from '../../../hooks/useLoaded'
import { THEME } from '../../../theme'
import { Button, Tag } from '../../../ui/nutui'
import { DatePicker, TextArea } from '../../../ui/nutui-office'
import { OfficeHeader } from '../components/OfficeHeader'
import { StaffOnly } from '../components/StaffOnly'
import { addDays, pickerDate } from '../dates'
import { CALENDAR_STRINGS as S } from './strings'
import '../components/office.css'
import './calendar.css'

type Source = CalendarYearView['source']
const SOURCE_COLOURS: Record<Source, { background: string; color: string }> = {
  office: { background: THEME.success, color: THEME.white },
  library: { background: THEME.mutedBackground, color: THEME.primary },
  none: { background: THEME.warning, color: THEME.white },
}

function SourceTag({ source }: { source: Source }) {
  return (
    <Tag className={`zlbg-tag calendar-source calendar-source--${source}`} {...SOURCE_COLOURS[source]}>
      {CALENDAR_SOURCE_LABELS[source]}
    </Tag>
  )
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** 试算公示期: the start day picked (or ?start=YYYY-MM-DD from a link), the server's answer — the end, or its refusal — shown as it is. */
function WindowPreview() {
  const today = shanghaiToday()
  const linked = useRouter().params.start
  const [start, setStart] = useState(linked && DAY.test(linked) ? linked : today)
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [answer, setAnswer] = useState<{ window: PublicityWindowView } | { refusal: string } | null>(null)

  const compute = async () => {
    setBusy(true)
    try {
      setAnswer({ window: await previewPublicityWindow(start) })
    } catch (err) {
      setAnswer({ refusal: toApiError(err).message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Section title={S.previewTitle} article={S.article} className="calendar-preview">
      <Text className="calendar-hint">{S.previewHint}</Text>
      <View className="calendar-preview-row">
        <FormField className="calendar-preview-start" label={S.startLabel}>
          <Text className="calendar-preview-day" onClick={() => setOpen(true)}>
            {formatDay(start)}
          </Text>
        </FormField>
        <Button className="calendar-preview-compute" type="primary" size="small" loading={busy} onClick={() => void compute()}>
          {busy ? S.computing : S.compute}
        </Button>
      </View>
      <DatePicker
        className="calendar-preview-picker"
        title={S.startLabel}
        type="date"
        visible={open}
        showChinese
        value={pickerDate(start)}
        startDate={pickerDate(addDays(today, -366))}
        endDate={pickerDate(addDays(today, 731))}
        onClose={() => setOpen(false)}
        onConfirm={(_options, values) => {
          setStart(dayString(Number(values[0]), Number(values[1]), Number(values[2])))
          setAnswer(null)
        }}
      />
      {answer && 'window' in answer ? (
        <View className="calendar-preview-result">
          <Text className="calendar-preview-window">{S.windowText(formatDay(answer.window.startDay), formatDay(answer.window.endDay))}</Text>
          <Text className="calendar-preview-closes">{S.closesText(inShanghai(answer.window.closesAt).format('YYYY年M月D日 HH:mm:ss'))}</Text>
          <Text className="calendar-preview-days-title">{S.workingDaysText}</Text>
          <View className="calendar-preview-days">
            {answer.window.workingDays.map((day, i) => (
              <Text key={day} className="calendar-preview-working-day">{`${i + 1}. ${formatDay(day)}`}</Text>
            ))}
          </View>
        </View>
      ) : null}
      {answer && 'refusal' in answer ? <FormError className="calendar-preview-refusal" message={answer.refusal} /> : null}
    </Section>
  )
}

/** Consecutive days of the same name as one line: 春节 2月15日–2月23日（9 天）. */
function runs(days: readonly CalendarDay[]): { name: string; from: string; to: string; count: number }[] {
  const out: { name: string; from: string; to: string; count: number }[] = []
  for (const d of days) {
    const last = out[out.length - 1]
    if (last && last.name === d.name && addDays(last.to, 1) === d.date) {
      last.to = d.date
      last.count++
    } else out.push({ name: d.name, from: d.date, to: d.date, count: 1 })
  }
  return out
}
const shortDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

function DayRuns({ days, className, empty }: { days: readonly CalendarDay[]; className: string; empty: string }) {
  if (days.length === 0) return <Text className={`calendar-days-empty ${className}-empty`}>{empty}</Text>
  return (
    <View className={`calendar-days ${className}`}>
      {runs(days).map((r) => (
        <View key={r.from} className="calendar-run">
          <Text className="calendar-run-name">{r.name}</Text>
          <Text className="calendar-run-dates">
            {r.count === 1 ? formatDay(r.from).slice(5) : `${shortDay(r.from)}–${shortDay(r.to)}（${r.count} 天）`}
          </Text>
        </View>
      ))}
    </View>
  )
}

const toLines = (days: readonly CalendarDay[]) => days.map((d) => `${d.date} ${d.name}`).join('\n')
const LINE = /^(\d{4}-\d{2}-\d{2})[\s,，、]+(.+)$/

/** "2027-01-01 元旦" per line; blank lines skipped. A line that is not a day and a name is reported by its number. */
function parseLines(text: string): { days: CalendarDay[]; lines: number[]; errors: string[] } {
  const days: CalendarDay[] = []
  const lines: number[] = []
  const errors: string[] = []
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (!line) return
    const match = LINE.exec(line)
    if (!match) errors.push(S.lineError(i + 1, S.lineFormat))
    else {
      days.push({ date: match[1]!, name: match[2]!.trim() })
      lines.push(i + 1)
    }
  })
  return { days, lines, errors }
}

/** Entering or confirming one year's arrangement; checked here as the server will check it, then sent. */
function YearEditor({ year, onSaved, onCancel }: { year: CalendarYearView; onSaved: (year: CalendarYearView) => void; onCancel: () => void }) {
  const [holidays, setHolidays] = useState(toLines(year.holidays))
  const [workdays, setWorkdays] = useState(toLines(year.workdays))
  const [basis, setBasis] = useState(year.confirmation?.basis ?? '')
  const [errors, setErrors] = useState<{ holidays?: string; workdays?: string; basis?: string }>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [dialog, confirm] = useConfirm()

  const save = () => {
    const h = parseLines(holidays)
    const w = parseLines(workdays)
    const lineOf = { holidays: h.lines, workdays: w.lines }
    // Field paths (holidays.3.date) named by the line the office typed them on.
    const byField = (problems: readonly FieldError[]) => {
      const out: { holidays?: string; workdays?: string; basis?: string } = {}
      for (const p of problems) {
        const [list, index] = p.path.replace(/^body\./, '').split('.')
        if (list === 'holidays' || list === 'workdays') {
          const line = index === undefined ? undefined : lineOf[list][Number(index)]
          out[list] ??= line ? S.lineError(line, p.message) : p.message
        } else if (list === 'basis') out.basis ??= p.message
      }
      return out
    }
    if (h.errors.length || w.errors.length) {
      setErrors({ ...(h.errors.length ? { holidays: h.errors[0] } : {}), ...(w.errors.length ? { workdays: w.errors[0] } : {}) })
      return
    }
    const parsed = YearArrangementInputSchema.safeParse({ holidays: h.days, workdays: w.days, basis })
    if (!parsed.success) {
      setErrors(byField(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))))
      return
    }
    const problems = arrangementProblems(year.year, parsed.data)
    if (problems.length) {
      setErrors(byField(problems))
      return
    }
    setErrors({})
    confirm({
      title: S.confirmTitle(year.year),
      content: S.confirmContent(year.year, parsed.data.holidays.length, parsed.data.workdays.length),
      onConfirm: async () => {
        try {
          onSaved(await confirmCalendarYear(year.year, parsed.data))
          void Taro.showToast({ title: S.saved, icon: 'success', duration: 1500 })
        } catch (err) {
          const apiError = toApiError(err)
          const fields = byField(apiError.fields ?? [])
          setErrors(fields)
          setFormError(Object.keys(fields).length ? null : apiError.message)
        }
      },
    })
  }

  return (
    <View className="calendar-editor">
      <Text className="calendar-editor-title">{S.editorTitle(year.year)}</Text>
      <Text className="calendar-hint">{S.editorHint}</Text>
      <FormField className="calendar-editor-holidays" label={S.holidaysLabel} error={errors.holidays}>
        <TextArea className="calendar-editor-holidays-input" value={holidays} rows={8} maxLength={2000} onChange={setHolidays} />
      </FormField>
      <FormField className="calendar-editor-workdays" label={S.workdaysLabel} error={errors.workdays}>
        <TextArea className="calendar-editor-workdays-input" value={workdays} rows={4} maxLength={800} onChange={setWorkdays} />
      </FormField>
      <TextField className="calendar-editor-basis" label={S.basisLabel} placeholder={S.basisPlaceholder} maxLength={200} value={basis} error={errors.basis} onChange={setBasis} />
      <FormError className="calendar-editor-error" message={formError} />
      <View className="calendar-editor-actions">
        <Button className="calendar-editor-save" type="primary" size="small" onClick={save}>
          {S.save}
        </Button>
        <Button className="calendar-editor-cancel" size="small" onClick={onCancel}>
          {S.cancel}
        </Button>
      </View>
      {dialog}
    </View>
  )
}

const sameDays = (a: readonly CalendarDay[], b: readonly CalendarDay[]) => toLines(a) === toLines(b)

function YearDetail({ year, onChanged }: { year: number; onChanged: () => void }) {
  const loaded = useLoaded((key) => fetchCalendarYear(Number(key)), String(year))
  const [editing, setEditing] = useState(false)
  const data = loaded.data
  if (loaded.status !== 'ready' || !data || data.year !== year) {
    return (
      <LoadStates
        status={loaded.status}
        error={loaded.error}
        onRetry={() => void loaded.reload()}
        loading={{ className: 'calendar-year-loading', rows: [3, 2] }}
        classes={{ notFound: 'calendar-year-missing', back: 'calendar-year-back', error: 'calendar-year-error', retry: 'calendar-year-retry' }}
        strings={{ notFoundTitle: S.loadError, notFoundDescription: '', errorTitle: S.loadError }}
      />
    )
  }
  const differs = data.library && !(sameDays(data.library.holidays, data.holidays) && sameDays(data.library.workdays, data.workdays))
  return (
    <View className={`office-card calendar-year calendar-year--${data.source}`}>
      <View className="office-row-head">
        <Text className="calendar-year-title">{`${data.year} 年`}</Text>
        <SourceTag source={data.source} />
      </View>
      {data.confirmation ? (
        <>
          <Text className="calendar-year-confirmed">{S.confirmedBy(data.confirmation.by, formatDateTime(data.confirmation.at))}</Text>
          <Text className="calendar-year-basis">{S.basis(data.confirmation.basis)}</Text>
        </>
      ) : (
        <Text className="calendar-year-note">{data.source === 'library' ? S.libraryHint : S.unconfirmedHint(data.year)}</Text>
      )}
      {differs ? <Text className="calendar-year-differs">{S.differsFromLibrary}</Text> : null}
      {editing ? (
        <YearEditor
          year={data}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            loaded.replace(saved)
            setEditing(false)
            onChanged()
          }}
        />
      ) : (
        <>
          <Text className="calendar-days-title">{S.holidaysTitle}</Text>
          <DayRuns days={data.holidays} className="calendar-holidays" empty={S.noDays} />
          <Text className="calendar-days-title">{S.workdaysTitle}</Text>
          <DayRuns days={data.workdays} className="calendar-workdays" empty={data.source === 'none' ? S.noDays : S.noWorkdays} />
          <Button className="calendar-year-edit" type="primary" fill={data.source === 'none' ? 'solid' : 'outline'} size="small" onClick={() => setEditing(true)}>
            {data.source === 'library' ? S.reconfirm(data.year) : S.edit(data.year, data.source === 'office')}
          </Button>
        </>
      )}
    </View>
  )
}

function YearRow({ year, selected, onSelect }: { year: CalendarOverviewView['years'][number]; selected: boolean; onSelect: () => void }) {
  return (
    <View className={`office-row calendar-year-row calendar-year-row--${year.source}${selected ? ' calendar-year-row--selected' : ''}`} onClick={onSelect}>
      <View className="office-row-head">
        <Text className="calendar-year-row-year">{`${year.year} 年`}</Text>
        <SourceTag source={year.source} />
      </View>
      <Text className="office-row-meta calendar-year-row-meta">
        {year.confirmation
          ? S.confirmedBy(year.confirmation.by, formatDate(year.confirmation.at))
          : year.source === 'none'
            ? S.unconfirmedHint(year.year)
            : S.counts(year.holidayCount, year.workdayCount)}
      </Text>
    </View>
  )
}

function CalendarWorkbench() {
  const desktop = useDesktop()
  const overview = useLoaded(() => fetchCalendar(), 'calendar')
  const thisYear = Number(shanghaiToday().slice(0, 4))
  const [picked, setPicked] = useState<number | null>(null)
  const [older, setOlder] = useState(false)
  const data = overview.data
  if (overview.status !== 'ready' || !data) {
    return (
      <LoadStates
        status={overview.status}
        error={overview.error}
        onRetry={() => void overview.reload()}
        loading={{ className: 'calendar-loading', rows: [2, 4] }}
        classes={{ notFound: 'calendar-missing', back: 'calendar-back', error: 'calendar-error', retry: 'calendar-retry' }}
        strings={{ notFoundTitle: S.loadError, notFoundDescription: '', errorTitle: S.loadError }}
      />
    )
  }
  // The years a publicity could touch first; the library's history on request.
  const recent = data.years.filter((y) => y.year >= thisYear - 1)
  const shown = older ? data.years : recent
  // Open on the first year still to confirm (next year, late in the year), else this year.
  const selected = picked ?? (recent.find((y) => y.source === 'none')?.year ?? thisYear)

  return (
    <View className="calendar">
      <OfficeHeader title={S.title}>
        <Text className="office-total calendar-intro">{S.intro(`${data.library.name} ${data.library.version}`)}</Text>
      </OfficeHeader>
      <WindowPreview />
      <View className={`calendar-body${desktop ? ' calendar-body--desktop' : ''}`}>
        <Section title={S.yearsTitle} className="calendar-years">
          {shown.map((y) => (
            <YearRow key={y.year} year={y} selected={y.year === selected} onSelect={() => setPicked(y.year)} />
          ))}
          {data.years.length > recent.length ? (
            <Text className="calendar-older" onClick={() => setOlder((o) => !o)}>
              {older ? S.hideOlder : S.showOlder}
            </Text>
          ) : null}
        </Section>
        <View className="calendar-detail">
          <YearDetail key={selected} year={selected} onChanged={() => void overview.refresh()} />
        </View>
      </View>
    </View>
  )
}

/** 工作日历 (office): each year's source and confirmer, entering a year, and the publicity window preview (第十八条). */
export default function CalendarPage() {
  return (
    <View className="page office">
      <StaffOnly>
        {(me: Me) => (
          <WorkbenchShell me={me} area="calendar">
            <CalendarWorkbench />
          </WorkbenchShell>
        )}
      </StaffOnly>
    </View>
  )
}
