import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import {
  DEFAULT_QUALITY_METHODS,
  MILESTONE_KINDS,
  MILESTONE_LABELS,
  SECTORS,
  SECTOR_LABELS,
  type AttachedFile,
  type MilestoneKind,
} from '@zlbg/shared'
import { AttachmentPicker } from '../../../components/AttachmentPicker'
import { FormField, TextField } from '../../../components/FormField'
import { FreeNotice } from '../../../components/FreeNotice'
import { Button, Input } from '../../../ui/nutui'
import { Checkbox, TextArea } from '../../../ui/nutui-office'
import { DateTimeField } from './DateTimeField'
import { emptyMilestone, type ContactValues } from './form'
import { CALL_STRINGS } from './strings'
import type { CallFormState } from './useCallForm'

const F = CALL_STRINGS.form

/** A titled card of the editor; `article` cites the measures. Hook: `.<className>`. */
export function EditorCard({
  title,
  article,
  hint,
  className,
  children,
}: {
  title: string
  article?: string
  hint?: string
  className: string
  children: ReactNode
}) {
  return (
    <View className={`office-card call-editor-card ${className}`}>
      <View className="call-editor-card-head">
        <Text className="call-editor-card-title">{title}</Text>
        {article ? <Text className="call-editor-card-article">{article}</Text> : null}
      </View>
      {hint ? <Text className="call-editor-card-hint">{hint}</Text> : null}
      {children}
    </View>
  )
}

interface SectionProps {
  form: CallFormState
  disabled: boolean
}

function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((existing, i) => (i === index ? item : existing))
}

function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index)
}

/** An error for the whole list (`keyFields`: at least one), under the list. */
function ListError({ message }: { message?: string }) {
  return message ? <Text className="form-field-error call-list-error">{message}</Text> : null
}

function RemoveButton({ className, onClick }: { className: string; onClick: () => void }) {
  return (
    <Button className={`call-row-remove ${className}`} size="small" fill="none" onClick={onClick}>
      {F.remove}
    </Button>
  )
}

export function BasicsSection({ form, disabled }: SectionProps) {
  const { values, errors, update } = form
  const text = (key: 'year') => ({
    value: values[key],
    error: errors[key],
    onChange: (value: string) => update(key, (v) => ({ ...v, [key]: value })),
  })
  return (
    <EditorCard title={F.basics} className="office-call-basics">
      <TextField className="office-call-year" label={F.yearLabel} placeholder={F.yearPlaceholder} maxLength={4} disabled={disabled} {...text('year')} />
      {/* Titles of calls run to 30 characters and more: a text area shows them whole. */}
      <FormField className="office-call-title" label={F.titleLabel} error={errors.title}>
        <TextArea
          className="call-textarea"
          value={values.title}
          placeholder={F.titlePlaceholder}
          maxLength={100}
          rows={1}
          autoSize
          disabled={disabled}
          onChange={(title) => update('title', (v) => ({ ...v, title }))}
        />
      </FormField>
      <FormField className="office-call-body" label={F.bodyLabel} error={errors.body}>
        <TextArea
          className="call-textarea"
          value={values.body}
          placeholder={F.bodyPlaceholder}
          maxLength={20000}
          rows={6}
          autoSize
          disabled={disabled}
          onChange={(body) => update('body', (v) => ({ ...v, body }))}
        />
      </FormField>
    </EditorCard>
  )
}

/** 第三条: shown with every call and not editable, so the office cannot drop it. */
export function FreeSection() {
  return (
    <EditorCard title={F.free} hint={F.freeHint} className="office-call-free">
      <FreeNotice />
    </EditorCard>
  )
}

export function KeyFieldsSection({ form, disabled }: SectionProps) {
  const { values, errors, update } = form
  return (
    <EditorCard title={F.keyFields} article={F.keyFieldsArticle} className="office-call-key-fields">
      {values.keyFields.map((field, index) => (
        <View key={index} className="call-list-row office-call-key-field">
          <View className="call-list-row-head">
            <Text className="call-list-row-title">{F.keyFieldTitle(index + 1)}</Text>
            {disabled ? null : (
              <RemoveButton
                className="office-call-key-field-remove"
                onClick={() => update('keyFields', (v) => ({ ...v, keyFields: removeAt(v.keyFields, index) }))}
              />
            )}
          </View>
          <TextField
            className="office-call-key-field-title"
            label={F.keyFieldName}
            placeholder={F.keyFieldTitlePlaceholder}
            maxLength={60}
            disabled={disabled}
            value={field.title}
            error={errors[`keyFields.${index}.title`]}
            onChange={(title) => update(`keyFields.${index}.title`, (v) => ({ ...v, keyFields: replaceAt(v.keyFields, index, { ...field, title }) }))}
          />
          <FormField className="office-call-key-field-description" label={F.keyFieldDescription} note={F.optional} error={errors[`keyFields.${index}.description`]}>
            <TextArea
              className="call-textarea"
              value={field.description}
              placeholder={F.keyFieldDescriptionPlaceholder}
              maxLength={1000}
              rows={2}
              autoSize
              disabled={disabled}
              onChange={(description) =>
                update(`keyFields.${index}.description`, (v) => ({ ...v, keyFields: replaceAt(v.keyFields, index, { ...field, description }) }))
              }
            />
          </FormField>
        </View>
      ))}
      <ListError message={errors.keyFields} />
      {disabled ? null : (
        <View className="call-list-add">
          <Button
            className="office-call-key-field-add"
            size="small"
            type="primary"
            fill="outline"
            disabled={values.keyFields.length >= 30}
            onClick={() => update('keyFields', (v) => ({ ...v, keyFields: [...v.keyFields, { title: '', description: '' }] }))}
          >
            {F.addKeyField}
          </Button>
        </View>
      )}
    </EditorCard>
  )
}

/** 第七条: the three sectors the measures are open to. */
export function SectorsSection({ form, disabled }: SectionProps) {
  const { values, errors, update } = form
  return (
    <EditorCard title={F.sectors} article={F.sectorsArticle} hint={F.sectorsHint} className="office-call-sectors">
      <Checkbox.Group
        className="call-checkboxes office-call-sectors-group"
        direction="horizontal"
        disabled={disabled}
        value={[...values.sectors]}
        onChange={(picked) => update('sectors', (v) => ({ ...v, sectors: SECTORS.filter((s) => picked.includes(s)) }))}
      >
        {SECTORS.map((sector) => (
          <Checkbox key={sector} className={`call-checkbox office-call-sector-${sector}`} value={sector} label={SECTOR_LABELS[sector]} />
        ))}
      </Checkbox.Group>
      <ListError message={errors.sectors} />
    </EditorCard>
  )
}

export function ScheduleSection({ form, disabled }: SectionProps) {
  const { values, errors, update } = form
  const used = new Set(values.schedule.map((m) => m.kind))
  const add = (kind: MilestoneKind) => update('schedule', (v) => ({ ...v, schedule: [...v.schedule, emptyMilestone(kind)] }))
  return (
    <EditorCard title={F.schedule} article={F.scheduleArticle} hint={F.scheduleHint} className="office-call-schedule">
      {values.schedule.map((milestone, index) => {
        const at = `schedule.${index}`
        const set = (path: string, patch: Partial<typeof milestone>) =>
          update(`${at}.${path}`, (v) => ({ ...v, schedule: replaceAt(v.schedule, index, { ...milestone, ...patch }) }))
        return (
          <View key={index} className={`call-list-row office-call-milestone office-call-milestone--${milestone.kind}`}>
            <View className="call-list-row-head">
              <Text className="call-list-row-title office-call-milestone-kind">{MILESTONE_LABELS[milestone.kind]}</Text>
              {disabled ? null : (
                <RemoveButton
                  className="office-call-milestone-remove"
                  onClick={() => update('schedule', (v) => ({ ...v, schedule: removeAt(v.schedule, index) }))}
                />
              )}
            </View>
            {errors[`${at}.kind`] ? <Text className="form-field-error">{errors[`${at}.kind`]}</Text> : null}
            <DateTimeField
              className="office-call-milestone-start"
              label={F.startsAt}
              value={milestone.startsAt}
              error={errors[`${at}.startsAt`]}
              disabled={disabled}
              onChange={(startsAt) => set('startsAt', { startsAt })}
            />
            <DateTimeField
              className="office-call-milestone-end"
              label={F.endsAt}
              note={milestone.kind === 'application' ? undefined : F.optional}
              value={milestone.endsAt}
              fallback={milestone.startsAt}
              error={errors[`${at}.endsAt`]}
              disabled={disabled}
              onChange={(endsAt) => set('endsAt', { endsAt })}
            />
            <TextField
              className="office-call-milestone-note"
              label={F.noteLabel}
              note={F.optional}
              placeholder={F.notePlaceholder}
              maxLength={200}
              disabled={disabled}
              value={milestone.note}
              error={errors[`${at}.note`]}
              onChange={(note) => set('note', { note })}
            />
          </View>
        )
      })}
      <ListError message={errors.schedule} />
      {disabled ? null : (
        <View className="call-list-add call-milestone-add">
          <Text className="call-list-add-label">{F.addMilestone}</Text>
          <View className="call-chips">
            {MILESTONE_KINDS.filter((kind) => !used.has(kind)).map((kind) => (
              <Button
                key={kind}
                className={`call-chip office-call-milestone-add-${kind}`}
                size="small"
                type="primary"
                fill="outline"
                disabled={values.schedule.length >= 20}
                onClick={() => add(kind)}
              >
                {`+ ${MILESTONE_LABELS[kind]}`}
              </Button>
            ))}
          </View>
        </View>
      )}
    </EditorCard>
  )
}

const CONTACT_FIELDS: { key: keyof ContactValues; label: string; placeholder: string; maxLength: number; optional: boolean }[] = [
  { key: 'department', label: F.department, placeholder: F.departmentPlaceholder, maxLength: 60, optional: false },
  { key: 'person', label: F.person, placeholder: F.personPlaceholder, maxLength: 30, optional: true },
  { key: 'phone', label: F.phone, placeholder: F.phonePlaceholder, maxLength: 40, optional: true },
  { key: 'email', label: F.email, placeholder: F.emailPlaceholder, maxLength: 100, optional: true },
  { key: 'address', label: F.address, placeholder: F.addressPlaceholder, maxLength: 200, optional: true },
]

export function ContactSection({ form, disabled }: SectionProps) {
  const { values, errors, update } = form
  return (
    <EditorCard title={F.contact} className="office-call-contact">
      {CONTACT_FIELDS.map(({ key, label, placeholder, maxLength, optional }) => (
        <TextField
          key={key}
          className={`office-call-contact-${key}`}
          label={label}
          note={optional ? F.optional : undefined}
          placeholder={placeholder}
          maxLength={maxLength}
          disabled={disabled}
          value={values.contact[key]}
          error={errors[`contact.${key}`] ?? (key === 'department' ? errors.contact : undefined)}
          onChange={(value) => update(`contact.${key}`, (v) => ({ ...v, contact: { ...v.contact, [key]: value } }))}
        />
      ))}
    </EditorCard>
  )
}

export function RulesSection({ form, disabled }: SectionProps) {
  const { values, errors, update } = form
  const methods = values.qualityMethods
  return (
    <EditorCard title={F.rules} className="office-call-rules">
      <FormField className="office-call-max" label={F.maxApplications} hint={F.maxApplicationsHint} error={errors.maxApplicationsPerOrganization}>
        <View className="call-max-row">
          <Input
            className="form-input call-max-input"
            type="digit"
            value={values.maxApplicationsPerOrganization}
            maxLength={2}
            disabled={disabled}
            onChange={(max) => update('maxApplicationsPerOrganization', (v) => ({ ...v, maxApplicationsPerOrganization: max }))}
          />
          <Text className="call-max-unit">{F.maxApplicationsUnit}</Text>
        </View>
      </FormField>
      <FormField className="office-call-methods" label={F.qualityMethods} error={errors.qualityMethods}>
        {methods.map((method, index) => (
          <View key={index} className="call-method-row office-call-method">
            <Text className="call-method-index">{index + 1}</Text>
            <View className="call-method-input">
              <Input
                className="form-input"
                value={method}
                placeholder={F.qualityMethodPlaceholder}
                maxLength={40}
                disabled={disabled}
                onChange={(name) => update(`qualityMethods.${index}`, (v) => ({ ...v, qualityMethods: replaceAt(v.qualityMethods, index, name) }))}
              />
              {errors[`qualityMethods.${index}`] ? <Text className="form-field-error">{errors[`qualityMethods.${index}`]}</Text> : null}
            </View>
            {disabled ? null : (
              <RemoveButton
                className="office-call-method-remove"
                onClick={() => update('qualityMethods', (v) => ({ ...v, qualityMethods: removeAt(v.qualityMethods, index) }))}
              />
            )}
          </View>
        ))}
      </FormField>
      {disabled ? null : (
        <View className="call-list-add call-methods-actions">
          <Button
            className="office-call-method-add"
            size="small"
            type="primary"
            fill="outline"
            disabled={methods.length >= 50}
            onClick={() => update('qualityMethods', (v) => ({ ...v, qualityMethods: [...v.qualityMethods, ''] }))}
          >
            {F.addQualityMethod}
          </Button>
          <Button
            className="office-call-method-defaults"
            size="small"
            fill="none"
            onClick={() => update('qualityMethods', (v) => ({ ...v, qualityMethods: [...DEFAULT_QUALITY_METHODS] }))}
          >
            {F.resetQualityMethods}
          </Button>
        </View>
      )}
    </EditorCard>
  )
}

export function TemplatesSection({
  form,
  disabled,
  onOpen,
}: SectionProps & {
  /** Downloads a saved template; absent before the call is first saved. */
  onOpen?: (item: AttachedFile) => void
}) {
  const { values, errors, update } = form
  const titleErrors = Object.fromEntries(values.templates.map((_, i) => [i, errors[`templates.${i}.title`]]))
  return (
    <EditorCard title={F.templates} hint={F.templatesHint} className="office-call-templates">
      <AttachmentPicker
        className="office-call-template"
        value={values.templates}
        max={10}
        disabled={disabled}
        titleErrors={titleErrors}
        onOpen={onOpen}
        onChange={(templates) => update('templates', (v) => ({ ...v, templates }))}
      />
      <ListError message={errors.templates} />
    </EditorCard>
  )
}

