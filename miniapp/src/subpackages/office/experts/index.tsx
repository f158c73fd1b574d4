import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { SECTOR_LABELS, SECTORS, formatDateTime, type Me, type Sector } from '@zlbg/shared'
import { toApiError } from '../../../api/errors'
import { DataTable, type Column } from '../../../components/workbench/DataTable'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { useDesktop } from '../../../hooks/useDesktop'
import { useLoaded } from '../../../hooks/useLoaded'
import { openPage, PAGES } from '../../../navigation'
import { Button, Input } from '../../../ui/nutui'
import { OfficeHeader } from '../components/OfficeHeader'
import { StaffOnly } from '../components/StaffOnly'
import { useOfficeList } from '../components/useOfficeList'
import { Chips } from './Chips'
import { createExpert, downloadReport, setExpertActive, downloadTemplate, fetchCoverage, fetchExperts, fetchOfficeCalls, importExperts, type ExpertPage, type ImportReport } from './api'
import '../components/office.css'
import './experts.css'

const PAGE_SIZE = 20
const split = (s: string) => s.split(/[、,，;；]/).map((x) => x.trim()).filter(Boolean)

/** 覆盖情况 (第九条): active experts per field and sector, and the methods nobody covers. */
function CoverageCard() {
  const coverage = useLoaded(fetchCoverage, 'all')
  const c = coverage.data
  return (
    <View className="xp-card xp-coverage">
      <Text className="xp-card-title">专家库覆盖情况</Text>
      {c ? (
        <>
          <Text className="xp-hint xp-coverage-totals">{`在库 ${c.active} 人（具备综合质量管理能力 ${c.competent} 人），已停用 ${c.inactive} 人`}</Text>
          <Text className="xp-label">行业门类</Text>
          <View className="xp-table">
            {c.bySector.map((r) => (
              <View key={r.key} className="xp-tr">
                <Text className="xp-td">{SECTOR_LABELS[r.key as Sector] ?? r.key}</Text>
                <Text className="xp-td xp-td--num">{`${r.experts} 人`}</Text>
              </View>
            ))}
          </View>
          <Text className="xp-label">专业领域</Text>
          <View className="xp-table xp-coverage-fields">
            {c.byField.map((r) => (
              <View key={r.key} className="xp-tr">
                <Text className="xp-td">{r.key}</Text>
                <Text className="xp-td xp-td--num">{`${r.experts} 人`}</Text>
              </View>
            ))}
          </View>
          {c.uncoveredMethods.length ? <Text className="xp-gap xp-uncovered">{`尚无专家覆盖：${c.uncoveredMethods.join('、')}`}</Text> : null}
        </>
      ) : (
        <Text className="xp-hint">{coverage.status === 'error' ? '加载失败' : '加载中…'}</Text>
      )}
    </View>
  )
}

/** 导入 (第九条): every row checked; the report lists each bad row with its reasons and downloads as xlsx. */
function ImportCard({ onImported }: { onImported: () => void }) {
  const [report, setReport] = useState<ImportReport | null>(null)
  const [busy, setBusy] = useState(false)
  const pick = async () => {
    setBusy(true)
    try {
      const r = await importExperts()
      if (r) {
        setReport(r)
        onImported()
      }
    } catch {
      // toasted by the upload
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="xp-card xp-import">
      <Text className="xp-card-title">导入专家（xlsx）</Text>
      <Text className="xp-hint">按模板填写，每行一位专家；以手机号识别，重复导入只更新、不重复登记。不合格的行不会导入，并在报告中列明原因。</Text>
      <View className="xp-actions">
        <Button size="small" className="xp-template" onClick={() => void downloadTemplate()}>
          下载模板
        </Button>
        <Button size="small" type="primary" className="xp-import-pick" loading={busy} onClick={() => void pick()}>
          选择文件导入
        </Button>
      </View>
      {report ? (
        <View className="xp-import-report">
          <Text className="xp-label">{`导入报告：${report.filename}（${formatDateTime(report.at)}）`}</Text>
          <Text className="xp-hint xp-import-counts">{`共 ${report.rows} 行：新增 ${report.created}，更新 ${report.updated}，不合格 ${report.failed}`}</Text>
          {report.problems.map((p) => (
            <View key={p.row} className="xp-row xp-import-problem">
              <Text className="xp-row-main">{`第 ${p.row} 行${p.name ? ` · ${p.name}` : ''}`}</Text>
              {p.reasons.map((r, i) => (
                <Text key={i} className="xp-row-sub">{`${r.column}：${r.message}`}</Text>
              ))}
            </View>
          ))}
          {report.failed ? (
            <Button size="small" className="xp-report-download" onClick={() => void downloadReport(report.id)}>
              下载报告（xlsx）
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}

const EMPTY_FORM = { name: '', title: '', employerName: '', employerCreditCode: '', fields: '', industries: '', phone: '', email: '' }

/** 新增专家: the same schema as the import, one person at a time. */
function AddExpertCard({ onAdded }: { onAdded: () => void }) {
  const [form, setForm] = useState(EMPTY_FORM)
  const [sectors, setSectors] = useState<string[]>([])
  const [competent, setCompetent] = useState<string[]>([])
  const [errors, setErrors] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const field = (key: keyof typeof EMPTY_FORM, label: string, placeholder = '') => (
    <View className={`xp-field xp-field-${key}`}>
      <Text className="xp-label">{label}</Text>
      <Input className="xp-input" value={form[key]} placeholder={placeholder} onChange={(v) => setForm({ ...form, [key]: v })} />
    </View>
  )
  const submit = async () => {
    setBusy(true)
    setErrors([])
    try {
      await createExpert({
        name: form.name,
        title: form.title,
        employer: { name: form.employerName, creditCode: form.employerCreditCode.toUpperCase() },
        formerEmployers: [],
        fields: split(form.fields),
        sectors: sectors as Sector[],
        industries: split(form.industries),
        competent: competent.length > 0,
        phone: form.phone,
        ...(form.email ? { email: form.email } : {}),
        active: true,
      })
      setForm(EMPTY_FORM)
      setSectors([])
      setCompetent([])
      void Taro.showToast({ title: '已加入专家库', icon: 'none' })
      onAdded()
    } catch (e) {
      const err = toApiError(e)
      setErrors(err.fields.length ? err.fields.map((f) => `${f.path.replace(/^body\./, '')}：${f.message}`) : [err.message])
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="xp-card xp-add">
      <Text className="xp-card-title">新增专家</Text>
      {field('name', '姓名')}
      {field('title', '职称/职务')}
      {field('employerName', '工作单位')}
      {field('employerCreditCode', '单位统一社会信用代码')}
      {field('fields', '专业领域', '多个用、分隔，如：卓越绩效模式、精益管理')}
      <Text className="xp-label">行业门类</Text>
      <Chips prefix="xp-add-sectors" multiple options={SECTORS.map((s) => ({ value: s, label: `${SECTOR_LABELS[s]}业` }))} value={sectors} onChange={setSectors} />
      {field('industries', '细分行业', '多个用、分隔')}
      <Chips prefix="xp-add-competent" multiple options={[{ value: 'yes', label: '具备综合质量管理能力（可任主任/副主任委员）' }]} value={competent} onChange={setCompetent} />
      {field('phone', '手机号')}
      {field('email', '邮箱（选填）')}
      {errors.length ? (
        <View className="xp-errors xp-add-errors">
          {errors.map((m, i) => (
            <Text key={i}>{m}</Text>
          ))}
        </View>
      ) : null}
      <View className="xp-actions">
        <Button type="primary" className="xp-add-submit" loading={busy} onClick={() => void submit()}>
          加入专家库
        </Button>
      </View>
    </View>
  )
}

/** 专家列表: search, filter by field, page through. */
function ExpertList({ version }: { version: number }) {
  const [q, setQ] = useState('')
  const [page, setPage] = useState(1)
  const [data, setData] = useState<ExpertPage | null>(null)
  const load = async (p: number) => {
    setData(await fetchExperts({ page: p, pageSize: PAGE_SIZE, ...(q.trim() ? { q: q.trim() } : {}) }))
    setPage(p)
  }
  useEffect(() => {
    void load(1)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version])
  return (
    <View className="xp-card xp-list">
      <Text className="xp-card-title">{`专家列表${data ? `（${data.total} 人）` : ''}`}</Text>
      <View className="xp-actions">
        <Input className="xp-input xp-search" value={q} placeholder="姓名、单位或手机号" onChange={setQ} onConfirm={() => void load(1)} />
        <Button size="small" className="xp-search-go" onClick={() => void load(1)}>
          搜索
        </Button>
      </View>
      {data?.items.length === 0 ? <Text className="xp-hint">专家库暂无符合条件的专家</Text> : null}
      {data?.items.map((e) => (
        <View key={e.id} className="xp-row xp-expert">
          <View className="xp-row-sub">
            <Text className="xp-row-main">{`${e.name} · ${e.title}`}</Text>
            {e.competent ? <Text className="xp-badge">综合能力</Text> : null}
            {e.active ? null : <Text className="xp-badge xp-badge--off">已停用</Text>}
          </View>
          <Text className="xp-row-sub">{`${e.employer.name} · ${e.sectors.map((s) => SECTOR_LABELS[s]).join('、')} · ${e.phone}${e.username ? ` · 账号 ${e.username}` : ' · 未关联账号'}`}</Text>
          <Text className="xp-row-sub">{e.fields.join('、')}</Text>
          <View className="xp-actions">
            <Button size="small" className="xp-toggle-active" onClick={() => void setExpertActive(e, !e.active).then(() => load(page))}>
              {e.active ? '停用' : '启用'}
            </Button>
          </View>
        </View>
      ))}
      {data && data.total > PAGE_SIZE ? (
        <View className="xp-actions">
          <Button size="small" disabled={page <= 1} onClick={() => void load(page - 1)}>
            上一页
          </Button>
          <Text className="xp-hint">{`第 ${page} / ${Math.ceil(data.total / PAGE_SIZE)} 页`}</Text>
          <Button size="small" disabled={page * PAGE_SIZE >= data.total} onClick={() => void load(page + 1)}>
            下一页
          </Button>
        </View>
      ) : null}
    </View>
  )
}

type ExpertRow = ExpertPage['items'][number]

const fetchExpertPage = (q: string, page: number) => fetchExperts({ page, pageSize: PAGE_SIZE, ...(q ? { q } : {}) })

/** 专家列表 at desktop width: the same list as a dense table with a pager (phone keeps the cards). */
function ExpertTable({ version }: { version: number }) {
  const [q, setQ] = useState('')
  const [search, setSearch] = useState('')
  const [list] = useOfficeList(search, fetchExpertPage, true)
  useEffect(() => {
    if (version) void list.reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version])
  const toggle = (e: ExpertRow) => void setExpertActive(e, !e.active).then(() => list.reload())
  const columns: Column<ExpertRow>[] = [
    { key: 'name', title: '姓名', width: '7em', render: (e) => e.name, sortValue: (e) => e.name },
    { key: 'title', title: '职称/职务', width: 'minmax(8em, 1fr)', render: (e) => e.title },
    { key: 'employer', title: '工作单位', width: 'minmax(10em, 1.5fr)', render: (e) => e.employer.name, sortValue: (e) => e.employer.name },
    { key: 'sectors', title: '行业门类', width: '8em', render: (e) => e.sectors.map((x) => SECTOR_LABELS[x]).join('、') },
    { key: 'fields', title: '专业领域', width: 'minmax(12em, 2fr)', render: (e) => e.fields.join('、') },
    { key: 'competent', title: '综合能力', width: '5em', render: (e) => (e.competent ? '具备' : '—'), sortValue: (e) => (e.competent ? 1 : 0) },
    { key: 'account', title: '手机 / 账号', width: '10em', render: (e) => `${e.phone}${e.username ? ` · ${e.username}` : ''}` },
    { key: 'state', title: '状态', width: '5em', render: (e) => (e.active ? '在库' : <Text className="xp-badge xp-badge--off">已停用</Text>), sortValue: (e) => (e.active ? 0 : 1) },
    {
      key: 'actions',
      title: '操作',
      width: '5em',
      interactive: true,
      render: (e) => (
        <Button size="small" className="xp-toggle-active" onClick={() => toggle(e)}>
          {e.active ? '停用' : '启用'}
        </Button>
      ),
    },
  ]
  return (
    <View className="xp-card xp-list xp-list--table">
      <Text className="xp-card-title">{`专家列表${list.status === 'ready' ? `（${list.total} 人）` : ''}`}</Text>
      <View className="xp-actions">
        <Input className="xp-input xp-search" value={q} placeholder="姓名、单位或手机号" onChange={setQ} onConfirm={() => setSearch(q.trim())} />
        <Button size="small" className="xp-search-go" onClick={() => setSearch(q.trim())}>
          搜索
        </Button>
      </View>
      <DataTable prefix="xp-experts" columns={columns} list={list} strings={{ errorTitle: '专家列表加载失败', empty: '专家库暂无符合条件的专家', emptyHint: '可导入或逐个新增专家' }} rowClassName={(e) => (e.active ? 'xp-expert' : 'xp-expert xp-expert--off')} />
    </View>
  )
}

/** 各征集的评审委员会: the way to each call's committee and assignment. */
function CallCommittees() {
  const calls = useLoaded(fetchOfficeCalls, 'all')
  return (
    <View className="xp-card xp-calls">
      <Text className="xp-card-title">评审委员会与分配（按征集）</Text>
      {(calls.data?.items ?? []).map((c) => (
        <View key={c.id} className="xp-row xp-call" data-call-id={c.id}>
          <Text className="xp-row-main">{c.title}</Text>
          <View className="xp-actions">
            <Button size="small" className="xp-open-committee" onClick={() => openPage(`${PAGES.officeCommittee}?callId=${c.id}`)}>
              评审委员会
            </Button>
            <Button size="small" className="xp-open-assignments" onClick={() => openPage(`${PAGES.officeAssignments}?callId=${c.id}`)}>
              回避与分配
            </Button>
            <Button size="small" className="xp-open-deliberations" onClick={() => openPage(`${PAGES.officeDeliberations}?callId=${c.id}`)}>
              合议与签署
            </Button>
            <Button size="small" className="xp-open-defense" onClick={() => openPage(`${PAGES.officeDefense}?callId=${c.id}`)}>
              答辩与现场考察
            </Button>
            <Button size="small" className="xp-open-ranking" onClick={() => openPage(`${PAGES.officeRanking}?callId=${c.id}`)}>
              评审汇总排名
            </Button>
            <Button size="small" className="xp-open-objections" onClick={() => openPage(`${PAGES.officeObjections}?callId=${c.id}`)}>
              异议受理
            </Button>
          </View>
        </View>
      ))}
    </View>
  )
}

/** 专家库 (第九条): coverage, import with report, adding one by one, the list, and the calls' committees. */
function ExpertsWorkbench() {
  const desktop = useDesktop()
  const [version, setVersion] = useState(0)
  const bump = () => setVersion((v) => v + 1)
  return (
    <View className="page office office-experts">
      <OfficeHeader title="专家库" />
      <CallCommittees />
      <CoverageCard key={`c${version}`} />
      <ImportCard onImported={bump} />
      {desktop ? <ExpertTable version={version} /> : <ExpertList version={version} />}
      <AddExpertCard onAdded={bump} />
    </View>
  )
}

export default function OfficeExpertsPage() {
  return (
    <StaffOnly>
      {(me: Me) => (
        <WorkbenchShell me={me} area="experts">
          <ExpertsWorkbench />
        </WorkbenchShell>
      )}
    </StaffOnly>
  )
}
