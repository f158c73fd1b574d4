import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ATTACHMENT_ACCEPT_HINT, ATTACHMENT_TYPES, type AttachedFile, type AttachmentRef } from '@zlbg/shared'
import { toApiError } from '../api/errors'
import { fileSizeText, pickAttachmentFile, pickedFileProblem, uploadAttachment, type Attachment } from '../api/upload'
import { STRINGS } from '../strings'
import { Button, Input } from '../ui/nutui'
import './AttachmentPicker.css'

/** Only the subpackages' forms upload files: their words stay out of the main package's STRINGS. */
const ATTACHMENT_STRINGS = {
  add: '添加附件',
  addOne: '上传文件',
  replace: '重新上传',
  uploading: (percent: number) => (percent > 0 && percent < 100 ? `正在上传 ${percent}%` : '正在上传…'),
  remove: '移除',
  titleLabel: '附件名称',
  titlePlaceholder: '例如：申报书、证书扫描件',
  empty: '尚未添加附件',
  full: (max: number) => `最多 ${max} 个附件`,
  tooLarge: '文件超过 20 MB，请压缩后再上传',
  wrongType: '文件类型不支持，请上传 PDF、Word（doc/docx）、JPG 或 PNG 文件',
  emptyFile: '文件是空的，请重新选择',
  uploaded: '已上传',
  download: '下载',
} as const


const S = ATTACHMENT_STRINGS

/** An attached file as a form keeps it: the reference it sends, plus what to show. */
export type AttachmentItem = AttachedFile

/** What the form sends: `{ attachmentId, title }` of each item. */
export function attachmentRefs(items: readonly AttachmentItem[]): AttachmentRef[] {
  return items.map(({ attachmentId, title }) => ({ attachmentId, title }))
}

/** A fresh upload as an item, titled after its file name (without the extension) until renamed. */
export function itemFromUpload(file: Attachment): AttachmentItem {
  const title = file.filename.replace(/\.[A-Za-z0-9]+$/, '').trim().slice(0, 60) || S.uploaded
  return { attachmentId: file.id, title, filename: file.filename, contentType: file.contentType, size: file.size }
}

export interface AttachmentPickerProps {
  /** Hooks: `.<className>` on the block, `.<className>-add`, each file `.<className>-item` with `-title`, `-name`, `-remove`. */
  className: string
  value: readonly AttachmentItem[]
  onChange: (items: AttachmentItem[]) => void
  /** At most this many files; 1 makes it a single-file field whose button replaces the file. */
  max?: number
  disabled?: boolean
  /** Title errors by index (from the schema: `attachments.0.title`). */
  titleErrors?: Readonly<Record<number, string | undefined>>
  /** Opens a file already attached (download); absent when the form cannot download yet. */
  onOpen?: (item: AttachmentItem) => void
}

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none', duration: 2500 })
}

/**
 * Files attached to a form: each with a title the person can edit, its file name and size; add
 * (with upload progress), remove. Emits the items, whose `attachmentRefs` the form sends.
 */
export function AttachmentPicker({ className, value, onChange, max = 10, disabled, titleErrors = {}, onOpen }: AttachmentPickerProps) {
  const [progress, setProgress] = useState<number | null>(null)
  const single = max === 1
  const uploading = progress !== null
  const full = !single && value.length >= max

  // Straight from the tap: the browser opens its file chooser only inside the click.
  const add = async () => {
    if (uploading || disabled) return
    if (full) {
      toast(S.full(max))
      return
    }
    const picked = await pickAttachmentFile()
    if (!picked) return
    const problem = pickedFileProblem(picked)
    if (problem) {
      toast(problem === 'tooLarge' ? S.tooLarge : problem === 'wrongType' ? S.wrongType : S.emptyFile)
      return
    }
    setProgress(0)
    try {
      const uploaded = await uploadAttachment(picked, { onProgress: setProgress, toast: false })
      const item = itemFromUpload(uploaded)
      onChange(single ? [item] : [...value, item])
    } catch (e) {
      toast(toApiError(e).message)
    } finally {
      setProgress(null)
    }
  }

  const setTitle = (index: number, title: string) => onChange(value.map((item, i) => (i === index ? { ...item, title } : item)))
  const remove = (index: number) => onChange(value.filter((_, i) => i !== index))

  return (
    <View className={`attachment-picker ${className}`}>
      {value.length === 0 && disabled ? <Text className="attachment-picker-empty">{S.empty}</Text> : null}
      {value.map((item, index) => (
        <View key={item.attachmentId} className={`attachment-item ${className}-item`}>
          <View className="attachment-item-head">
            <Text className="attachment-item-type">{ATTACHMENT_TYPES[item.contentType]?.label ?? ''}</Text>
            <Text
              className={`attachment-item-name ${className}-name${onOpen ? ' attachment-item-name--link' : ''}`}
              onClick={onOpen ? () => onOpen(item) : undefined}
            >
              {item.filename}
            </Text>
            <Text className="attachment-item-size">{fileSizeText(item.size)}</Text>
          </View>
          {single ? null : (
            <View className={`attachment-item-title ${className}-title${titleErrors[index] ? ' attachment-item-title--invalid' : ''}`}>
              <Text className="attachment-item-title-label">{S.titleLabel}</Text>
              <Input
                className="attachment-item-title-input"
                value={item.title}
                placeholder={S.titlePlaceholder}
                maxLength={60}
                disabled={disabled}
                onChange={(next) => setTitle(index, next)}
              />
            </View>
          )}
          {titleErrors[index] ? <Text className="form-field-error">{titleErrors[index]}</Text> : null}
          {disabled ? null : (
            <View className="attachment-item-actions">
              <Button className={`${className}-remove`} size="small" fill="none" onClick={() => remove(index)}>
                {S.remove}
              </Button>
            </View>
          )}
        </View>
      ))}
      {disabled ? null : (
        <View className="attachment-picker-foot">
          <Button
            className={`${className}-add`}
            size="small"
            type="primary"
            fill="outline"
            loading={uploading}
            disabled={uploading || full}
            onClick={() => void add()}
          >
            {uploading ? S.uploading(progress ?? 0) : single && value.length ? S.replace : single ? S.addOne : S.add}
          </Button>
          <Text className="attachment-picker-hint">{full ? S.full(max) : ATTACHMENT_ACCEPT_HINT}</Text>
        </View>
      )}
    </View>
  )
}
