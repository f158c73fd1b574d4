import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { RemovalIdParamsSchema, formatDateTime } from '@zlbg/shared'
import { toApiError } from '../../../api/errors'
import { useConfirm } from '../../../components/ConfirmDialog'
import { FormField, TextField } from '../../../components/FormField'
import { LoadStates } from '../../../components/LoadStates'
import { RemovalCase } from '../../../components/removals/RemovalCase'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { useLoaded, validId } from '../../../hooks/useLoaded'
import { openPage, PAGES } from '../../../navigation'
import { Button } from '../../../ui/nutui'
import { StaffOnly } from '../components/StaffOnly'
import '../components/office.css'
import { downloadRemovalFile, editAnnouncement, fetchRemoval, publishAnnouncement, withdrawRemoval, type Removal } from './api'
import { ArticleActions } from '../../../components/articles/ArticleActions'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2000 })
type Errors = Record<string, string>

/** Runs one step and shows its field errors beside the fields (or its message as a toast). */
function useStep(onChange: (r: Removal) => void) {
  const [errors, setErrors] = useState<Errors>({})
  const run = async (step: () => Promise<Removal>, done: string) => {
    setErrors({})
    try {
      onChange(await step())
      toast(done)
    } catch (e) {
      const error = toApiError(e)
      if (error.fields.length) setErrors(Object.fromEntries(error.fields.map((f) => [f.path.replace(/^body\./, '').split('.')[0]!, f.message])))
      else toast(error.message)
    }
  }
  return { errors, run }
}

/** The drafted announcement (公告): the office reviews and edits it, then publishes it after a confirmation. */
function Announcement({ r, onChange }: { r: Removal; onChange: (r: Removal) => void }) {
  const a = r.announcement!
  const [draft, setDraft] = useState({ title: a.title, body: a.body })
  const [dialog, confirm] = useConfirm()
  const { errors, run } = useStep(onChange)
  const dirty = draft.title !== a.title || draft.body !== a.body
  if (!r.canEditAnnouncement) {
    return (
      <View className="removal-card office-removal-announcement">
        <Text className="removal-title">{`公告 ${a.number}`}</Text>
        <Text className="removal-title office-removal-announcement-title">{a.title}</Text>
        <Text className="removal-announcement-body">{a.body}</Text>
        {a.published ? (
          <>
            <Text className="removal-meta office-removal-published">{`已发布：${a.published.name} · ${formatDateTime(a.published.at)}`}</Text>
            <Text className="removal-file office-removal-public-link" onClick={() => openPage(`${PAGES.announcement}?id=${r.id}`)}>
              查看公开的公告
            </Text>
          </>
        ) : null}
      </View>
    )
  }
  return (
    <View className="removal-card office-removal-announcement">
      <Text className="removal-title">{`公告 ${a.number}（待发布）`}</Text>
      <Text className="removal-meta">{`按模板起草于 ${formatDateTime(a.draftedAt)}${a.edited ? `；${a.edited.name} 修改于 ${formatDateTime(a.edited.at)}` : ''}`}</Text>
      <TextField className="office-removal-announcement-title-input" label="公告标题" maxLength={100} value={draft.title} error={errors.title} onChange={(title) => setDraft({ ...draft, title })} />
      <FormField className="office-removal-announcement-body-input" label="公告正文" error={errors.body}>
        <Textarea className="removal-textarea" value={draft.body} maxlength={5000} autoHeight onInput={(e) => setDraft({ ...draft, body: e.detail.value })} />
      </FormField>
      <View className="removal-buttons">
        <Button className="office-removal-save-announcement" disabled={!dirty} onClick={() => void run(() => editAnnouncement(r.id, draft), '公告已保存')}>
          保存修改
        </Button>
        <Button
          className="office-removal-publish"
          type="primary"
          disabled={dirty}
          onClick={() =>
            confirm({
              title: '发布公告',
              content: `发布后「${a.title}」将在小程序、网站和订阅源公开，名单中该经验标注已移除并链接本公告（第二十一条）。发布后不能修改或撤回。`,
              confirmText: '发布',
              danger: true,
              onConfirm: () => run(() => publishAnnouncement(r.id), '公告已发布'),
            })
          }
        >
          发布公告
        </Button>
      </View>
      {dirty ? <Text className="removal-meta">有未保存的修改：请先保存，再发布。</Text> : null}
      {dialog}
    </View>
  )
}

function Withdraw({ r, onChange }: { r: Removal; onChange: (r: Removal) => void }) {
  const [reason, setReason] = useState('')
  const [dialog, confirm] = useConfirm()
  const { errors, run } = useStep(onChange)
  return (
    <View className="removal-card office-removal-withdraw">
      <Text className="removal-meta">{r.state === 'proposed' ? '等待主任委员或副主任委员确认。' : '等待中国质量协会审批人确认。'}</Text>
      <FormField className="office-removal-withdraw-reason" label="撤回原因（撤回时必填）" error={errors.reason}>
        <Textarea className="removal-textarea" value={reason} maxlength={500} autoHeight onInput={(e) => setReason(e.detail.value)} />
      </FormField>
      <Button
        className="office-removal-withdraw-button"
        onClick={() => confirm({ title: '撤回移除', content: '撤回后本次移除程序结束，该经验仍在名单中。', confirmText: '撤回', onConfirm: () => run(() => withdrawRemoval(r.id, reason), '已撤回') })}
      >
        撤回
      </Button>
      {dialog}
    </View>
  )
}

function RemovalView({ r, setR }: { r: Removal; setR: (r: Removal) => void }) {
  return (
    <View className="removal-page office-removal">
      <RemovalCase r={r} download={(attachmentId, filename) => void downloadRemovalFile(r.id, attachmentId, filename)} />
      {r.events.includes('withdraw') ? <Withdraw r={r} onChange={setR} /> : null}
      {r.announcement ? <Announcement key={`${r.state}:${r.announcement.edited?.at ?? ''}`} r={r} onChange={setR} /> : null}
      {/* 第二十一条: the published announcement also goes out through the official account. */}
      {r.state === 'announced' ? <ArticleActions kind="announcement" sourceId={r.id} /> : null}
    </View>
  )
}

/** One removal (第二十一条) for the office: the case and who confirmed; withdrawing it; reviewing and publishing the announcement. */
export default function OfficeRemoval() {
  const { params } = useRouter()
  const loaded = useLoaded(fetchRemoval, validId(RemovalIdParamsSchema, params.id))
  return (
    <StaffOnly>
      {(me) => (
        <WorkbenchShell me={me} area="removals" within context={{ key: 'removals', url: PAGES.officeRemovals }}>
          {loaded.data ? (
            <RemovalView r={loaded.data} setR={loaded.replace} />
          ) : (
            <LoadStates
              status={loaded.status}
              error={loaded.error}
              onRetry={() => void loaded.reload()}
              loading={{ className: 'removal-page', rows: [3, 5] }}
              classes={{ notFound: 'office-removal-not-found', back: 'office-removal-back', error: 'office-removal-error', retry: 'office-removal-retry' }}
              strings={{ notFoundTitle: '移除记录不存在', notFoundDescription: '', errorTitle: '移除记录加载失败' }}
            />
          )}
        </WorkbenchShell>
      )}
    </StaffOnly>
  )
}
