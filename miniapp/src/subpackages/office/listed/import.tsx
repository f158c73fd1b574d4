import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { formatDateTime, type Me } from '@zlbg/shared'
import { PagedListBody, SkeletonList } from '../../../components/PagedListBody'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { usePagedQuery } from '../../../hooks/usePagedQuery'
import { Button } from '../../../ui/nutui'
import { OfficeHeader } from '../components/OfficeHeader'
import { StaffOnly } from '../components/StaffOnly'
import { downloadListedReport, downloadListedTemplate, fetchListedImport, fetchListedImports, importListed, type ListedImportReport, type ListedImportSummary } from './api'
import { LISTED_OFFICE_STRINGS } from './strings'
import '../components/office.css'
import './listed.css'

const S = LISTED_OFFICE_STRINGS.import
const POLL_MS = 1500

/** The bad rows, each with its column and reason, and the xlsx download. */
function Report({ report }: { report: ListedImportReport }) {
  return (
    <View className="office-card office-listed-report">
      <Text className="office-listed-report-title">{S.report(report.filename, formatDateTime(report.at))}</Text>
      <Text className="office-listed-report-counts">{S.counts(report)}</Text>
      {report.years.length ? <Text className="office-listed-report-years">{S.years(report.years)}</Text> : null}
      {report.error ? <Text className="office-listed-report-error">{report.error}</Text> : null}
      {report.problems.length === 0 ? <Text className="office-listed-report-ok">{S.allGood}</Text> : null}
      {report.problems.map((p) => (
        <View key={p.row} className="office-listed-problem">
          <Text className="office-listed-problem-row">{S.row(p.row, p.name)}</Text>
          {p.reasons.map((r, i) => (
            <Text key={i} className="office-listed-problem-reason">{`${r.column}：${r.message}`}</Text>
          ))}
        </View>
      ))}
      {report.failed ? (
        <Button size="small" className="office-listed-report-download" onClick={() => void downloadListedReport(report.id)}>
          {S.download}
        </Button>
      ) : null}
    </View>
  )
}

/** `report` is the page's, above the shell: the desktop and phone layouts are different trees, and a resize must not lose it. */
function ImportWorkbench({ report, setReport }: { report: ListedImportReport | null; setReport: (r: ListedImportReport) => void }) {
  const [uploading, setUploading] = useState<string | null>(null)
  const [progress, setProgress] = useState<ListedImportSummary | null>(null)
  const history = usePagedQuery(fetchListedImports, '')
  const poll = useRef<ReturnType<typeof setInterval> | null>(null)
  const stopPolling = () => {
    if (poll.current) clearInterval(poll.current)
    poll.current = null
  }
  useEffect(() => stopPolling, [])

  const pick = async () => {
    try {
      const r = await importListed((name) => {
        setUploading(name)
        setProgress(null)
        // A large file takes a while: the import record counts its rows as they are handled.
        poll.current = setInterval(() => {
          void fetchListedImports(1).then(
            (page) => {
              const running = page.items.find((i) => i.state === 'running')
              if (running) setProgress(running)
            },
            () => undefined,
          )
        }, POLL_MS)
      })
      if (r) {
        setReport(r)
        void history.reload()
      }
    } catch {
      // toasted by the upload
    } finally {
      stopPolling()
      setUploading(null)
    }
  }

  return (
    <View className="office-listed-import">
      <OfficeHeader title={S.title} />
      <View className="office-card office-listed-import-card">
        <Text className="office-listed-intro">{S.intro}</Text>
        <View className="office-listed-actions">
          <Button size="small" className="office-listed-template" onClick={() => void downloadListedTemplate()}>
            {S.template}
          </Button>
          <Button size="small" type="primary" className="office-listed-pick" loading={uploading !== null} disabled={uploading !== null} onClick={() => void pick()}>
            {S.pick}
          </Button>
        </View>
        {uploading !== null ? (
          <Text className="office-listed-progress">{`${S.importing(uploading)}${progress ? ` ${S.progress(progress.processed, progress.rows)}` : ''}`}</Text>
        ) : null}
      </View>
      {report ? <Report report={report} /> : null}
      <Text className="office-listed-history-title">{S.history}</Text>
      <PagedListBody
        list={history}
        prefix="office-listed-imports"
        className="office-listed-imports"
        strings={S}
        loading={<SkeletonList className="office-listed-imports-loading" itemClassName="office-skeleton" rows={2} />}
        footer={{ className: 'office-list-footer', endClassName: 'office-list-end' }}
      >
        {(i) => (
          <View key={i.id} className="office-row office-listed-import-row">
            <View className="office-row-head">
              <Text className="office-listed-name">{i.filename}</Text>
              <Button size="small" fill="outline" className="office-listed-import-view" onClick={() => void fetchListedImport(i.id).then(setReport, () => undefined)}>
                {S.view}
              </Button>
            </View>
            <View className="office-row-meta">
              <Text>{`${formatDateTime(i.at)} · ${i.stateLabel}${i.state === 'running' ? ` · ${S.progress(i.processed, i.rows)}` : ''}`}</Text>
              <Text>{S.counts(i)}</Text>
            </View>
          </View>
        )}
      </PagedListBody>
    </View>
  )
}

/** 往年名单导入 (第十九条): template, upload with progress, the report of bad rows, past imports. */
export default function OfficeListedImportPage() {
  const [report, setReport] = useState<ListedImportReport | null>(null)
  return (
    <View className="page office">
      <StaffOnly>
        {(me: Me) => (
          <WorkbenchShell me={me} area="listedImport">
            <ImportWorkbench report={report} setReport={setReport} />
          </WorkbenchShell>
        )}
      </StaffOnly>
    </View>
  )
}
