import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import {
  OrganizationProfileSchema,
  PROVINCES,
  PROVINCE_LABELS,
  RETENTION_TABLE,
  SECTORS,
  SECTOR_LABELS,
  formatDateTime,
  type OrganizationProfile,
  type ProvinceCode,
  type Sector,
} from '@zlbg/shared'
import { toApiError } from '../../../api/errors'
import { downloadOrganizationAttachment, saveOrganizationProfile, type ProfileView } from '../../../api/profiles'
import { AttachmentPicker } from '../../../components/AttachmentPicker'
import { FormError, FormField, SubmitButton, TextField } from '../../../components/FormField'
import { LoadStates } from '../../../components/LoadStates'
import { SignInPrompt } from '../../../components/SignInPrompt'
import { NameReviewTag } from '../../../components/Tags'
import { clearWithParents, errorAt, errorsByPath } from '../../../hooks/pathErrors'
import { useMe } from '../../../hooks/useMe'
import { useOrganizationProfile } from '../../../hooks/useOrganizationProfile'
import { STRINGS } from '../../../strings'
import { Button } from '../../../ui/nutui'
import { Card, SingleChoice, TextAreaField, scrollToFirstError, type Choice } from '../components'
import { ORG_STRINGS } from '../strings'
import { EMPTY_CONTACT, profileErrors, profileFormFrom, profileInput, type ContactForm, type ProfileForm, type YesNo } from './form'
import '../org.css'

const S = ORG_STRINGS.profile
const C = ORG_STRINGS.common

const YES_NO: Choice<'yes' | 'no'>[] = [
  { value: 'yes', label: C.yes },
  { value: 'no', label: C.no },
]
const SECTOR_CHOICES: Choice<Sector>[] = SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))

function ProvinceField({ value, error, onChange }: { value: ProvinceCode | ''; error?: string; onChange: (code: ProvinceCode) => void }) {
  const [open, setOpen] = useState(false)
  return (
    <FormField className="profile-province" label={S.province} error={error}>
      <View className="org-select" onClick={() => setOpen((o) => !o)}>
        <Text className={`org-select-value profile-province-value${value ? '' : ' org-select-value--empty'}`}>
          {value ? PROVINCE_LABELS[value] : S.pickProvince}
        </Text>
        <Text className="org-select-arrow">{open ? '▴' : '▾'}</Text>
      </View>
      {open ? (
        <View className="chips chips--grid chips--cols-3 profile-province-options">
          {PROVINCES.map(([code, label]) => (
            <View
              key={code}
              className={`chip profile-province-${code}${code === value ? ' chip--on' : ''}`}
              onClick={() => {
                onChange(code)
                setOpen(false)
              }}
            >
              <Text className="chip-text">{label}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </FormField>
  )
}

function ContactFields({
  index,
  contact,
  errors,
  onChange,
  onRemove,
}: {
  index: number
  contact: ContactForm
  errors: Record<string, string>
  onChange: (contact: ContactForm) => void
  onRemove?: () => void
}) {
  const at = (key: keyof ContactForm) => errorAt(errors, `contacts.${index}.${key}`)
  const bind = (key: keyof ContactForm) => ({ value: contact[key], error: at(key), onChange: (v: string) => onChange({ ...contact, [key]: v }) })
  return (
    <View className="profile-contact">
      <View className="profile-contact-head">
        <Text className="profile-contact-title">{S.contact(index + 1)}</Text>
        {onRemove ? (
          <Button className="profile-contact-remove" size="small" fill="none" onClick={onRemove}>
            {S.removeContact}
          </Button>
        ) : null}
      </View>
      <TextField className={`profile-contact-name profile-contact-${index}-name`} label={S.contactName} maxLength={30} {...bind('name')} />
      <TextField className={`profile-contact-title-field profile-contact-${index}-title`} label={S.contactTitle} note={STRINGS.common.optional} maxLength={30} {...bind('title')} />
      <TextField className={`profile-contact-phone profile-contact-${index}-phone`} label={S.contactPhone} maxLength={20} {...bind('phone')} />
      <TextField className={`profile-contact-email profile-contact-${index}-email`} label={S.contactEmail} note={STRINGS.common.optional} maxLength={100} {...bind('email')} />
    </View>
  )
}

function ProfileEditor({ organizationId, view, onSaved }: { organizationId: string; view: ProfileView; onSaved: (view: ProfileView) => void }) {
  const [form, setForm] = useState<ProfileForm>(() => profileFormFrom(view))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const busy = useRef(false)

  const update = (patch: Partial<ProfileForm>, ...paths: string[]) => {
    setForm((prev) => ({ ...prev, ...patch }))
    setErrors((prev) => paths.reduce((acc, path) => clearWithParents(acc, path), prev))
    setFormError(null)
  }
  const at = (path: string) => errorAt(errors, path)

  const save = async () => {
    if (busy.current) return
    const local = profileErrors(form)
    if (Object.keys(local).length > 0) {
      setErrors(local)
      setFormError(S.formInvalid)
      scrollToFirstError()
      return
    }
    busy.current = true
    setSaving(true)
    try {
      const saved = await saveOrganizationProfile(organizationId, OrganizationProfileSchema.parse(profileInput(form)) as OrganizationProfile)
      setErrors({})
      setFormError(null)
      onSaved(saved)
      void Taro.showToast({ title: S.saved, icon: 'none', duration: 2000 })
    } catch (e) {
      const error = toApiError(e)
      if (error.code === 'VALIDATION_FAILED' && error.fields.length) {
        setErrors(errorsByPath(error.fields))
        setFormError(S.formInvalid)
      } else if (error.code === 'ORGANIZATION_EXISTS') {
        // 第八条(一): one registration, one organization; the message says how to join the existing one.
        setErrors({ creditCode: error.message })
      } else if (error.code === 'ATTACHMENT_NOT_FOUND') {
        setErrors({ 'iso9001.scan': error.message })
      } else {
        setFormError(error.message)
      }
    } finally {
      busy.current = false
      setSaving(false)
    }
  }

  const setContact = (index: number, contact: ContactForm) =>
    update({ contacts: form.contacts.map((c, i) => (i === index ? contact : c)) }, `contacts.${index}`, 'contacts')

  return (
    <View className="profile-form">
      <Card className="profile-basic">
        <TextField
          className="profile-credit-code"
          label={S.creditCode}
          hint={S.creditCodeHint}
          placeholder={S.creditCodePlaceholder}
          maxLength={18}
          value={form.creditCode}
          error={at('creditCode')}
          onChange={(v) => update({ creditCode: v.toUpperCase() }, 'creditCode')}
        />
        <ProvinceField value={form.provinceCode} error={at('region.provinceCode')} onChange={(code) => update({ provinceCode: code }, 'region.provinceCode')} />
        <TextField
          className="profile-city"
          label={S.city}
          placeholder={S.cityPlaceholder}
          maxLength={30}
          value={form.city}
          error={at('region.city')}
          onChange={(v) => update({ city: v }, 'region.city')}
        />
        <FormField className="profile-sector" label={S.sector} hint={S.sectorHint} error={at('sector')}>
          <SingleChoice prefix="profile-sector" choices={SECTOR_CHOICES} value={form.sector} onChange={(v) => update({ sector: v }, 'sector')} />
        </FormField>
        <TextField
          className="profile-industry"
          label={S.industry}
          placeholder={S.industryPlaceholder}
          maxLength={50}
          value={form.industry}
          error={at('industry')}
          onChange={(v) => update({ industry: v }, 'industry')}
        />
        <FormField className="profile-legal-person" label={S.legalPerson} hint={S.legalPersonHint} error={at('independentLegalPerson')}>
          <SingleChoice
            prefix="profile-legal-person"
            choices={YES_NO}
            value={form.independentLegalPerson}
            onChange={(v: YesNo) => update({ independentLegalPerson: v }, 'independentLegalPerson')}
          />
        </FormField>
      </Card>

      <Card className="profile-profits" title={S.profits} hint={S.profitsHint}>
        {form.profits.map((profit, index) => (
          <View key={profit.year} className={`profile-profit profile-profit-${profit.year}`}>
            <Text className="profile-profit-year">{S.profitYear(profit.year)}</Text>
            <TextField
              className={`profile-profit-value profile-profit-${profit.year}-value`}
              label=""
              placeholder={S.profitPlaceholder}
              maxLength={14}
              value={profit.value}
              onChange={(v) =>
                update({ profits: form.profits.map((p, i) => (i === index ? { ...p, value: v } : p)) }, 'profits', `profits.${index}`)
              }
            />
          </View>
        ))}
        {at('profits') ? <Text className="form-field-error profile-profits-error">{at('profits')}</Text> : null}
      </Card>

      <Card className="profile-compliance" title={S.compliance} hint={S.complianceHint}>
        <FormField className="profile-no-violations" label={S.compliance} error={at('compliance.noViolations')}>
          <SingleChoice
            prefix="profile-no-violations"
            choices={[
              { value: 'yes', label: S.noViolations },
              { value: 'no', label: S.hasViolations },
            ]}
            value={form.noViolations}
            onChange={(v: YesNo) => update({ noViolations: v }, 'compliance')}
          />
        </FormField>
        {form.noViolations === 'no' ? (
          <TextAreaField
            className="profile-disclosure"
            label={S.disclosure}
            placeholder={S.disclosurePlaceholder}
            maxLength={2000}
            minLength={10}
            value={form.disclosure}
            error={at('compliance.disclosure')}
            onChange={(v) => update({ disclosure: v }, 'compliance.disclosure')}
          />
        ) : null}
      </Card>

      <Card className="profile-iso" title={S.iso} hint={S.isoHint}>
        {(['certificateNumber', 'certificationBody', 'issuedOn', 'expiresOn'] as const).map((key) => (
          <TextField
            key={key}
            className={`profile-iso-${key}`}
            label={{ certificateNumber: S.isoNumber, certificationBody: S.isoBody, issuedOn: S.isoIssuedOn, expiresOn: S.isoExpiresOn }[key]}
            placeholder={key === 'issuedOn' || key === 'expiresOn' ? S.datePlaceholder : undefined}
            maxLength={key === 'certificationBody' ? 100 : 60}
            value={form.iso[key]}
            error={at(`iso9001.${key}`)}
            onChange={(v) => update({ iso: { ...form.iso, [key]: v } }, `iso9001.${key}`)}
          />
        ))}
        <FormField className="profile-iso-scan" label={S.isoScan} note={STRINGS.common.optional} error={at('iso9001.scan')}>
          <AttachmentPicker
            className="profile-iso-scan-picker"
            max={1}
            value={form.scan}
            onChange={(scan) => update({ scan }, 'iso9001.scan')}
            onOpen={(item) => void downloadOrganizationAttachment(organizationId, item.attachmentId, item.filename).catch(() => undefined)}
          />
        </FormField>
      </Card>

      <Card className="profile-sharing" title={S.sharing} hint={S.sharingHint}>
        <FormField className="profile-sharing-willing" label={S.sharing} error={at('sharing.willing')}>
          <SingleChoice
            prefix="profile-sharing"
            choices={[
              { value: 'yes', label: S.sharingWilling },
              { value: 'no', label: S.sharingNot },
            ]}
            value={form.sharingWilling}
            onChange={(v: YesNo) => update({ sharingWilling: v }, 'sharing')}
          />
        </FormField>
        <TextAreaField
          className="profile-trade-secret"
          label={S.tradeSecretNote}
          note={STRINGS.common.optional}
          placeholder={S.tradeSecretPlaceholder}
          maxLength={500}
          rows={2}
          value={form.tradeSecretNote}
          error={at('sharing.tradeSecretNote')}
          onChange={(v) => update({ tradeSecretNote: v }, 'sharing.tradeSecretNote')}
        />
      </Card>

      {/* 个人信息保护法 第十七条: how long contacts are kept, told where they are entered. */}
      <Card className="profile-contacts" title={S.contacts} hint={RETENTION_TABLE.profileContacts.notice}>
        {form.contacts.map((contact, index) => (
          <ContactFields
            key={index}
            index={index}
            contact={contact}
            errors={errors}
            onChange={(c) => setContact(index, c)}
            onRemove={form.contacts.length > 1 ? () => update({ contacts: form.contacts.filter((_, i) => i !== index) }, 'contacts') : undefined}
          />
        ))}
        {errors.contacts ? <Text className="form-field-error">{errors.contacts}</Text> : null}
        {form.contacts.length < 5 ? (
          <Button className="profile-contact-add" size="small" fill="outline" type="primary" onClick={() => update({ contacts: [...form.contacts, { ...EMPTY_CONTACT }] })}>
            {S.addContact}
          </Button>
        ) : null}
      </Card>

      <View className="org-actions">
        <FormError className="profile-error" message={formError} />
        <SubmitButton className="profile-submit" submitting={saving} onClick={() => void save()}>
          {saving ? C.saving : S.submit}
        </SubmitButton>
        {view.updatedAt ? <Text className="org-footnote profile-updated">{S.updatedAt(formatDateTime(view.updatedAt))}</Text> : null}
      </View>
    </View>
  )
}

function ProfileBody({ organizationId }: { organizationId: string | undefined }) {
  const { status, data, error, reload, replace } = useOrganizationProfile(organizationId)
  // The editor keeps its own state; it starts over only when another organization is opened.
  const [round, setRound] = useState(0)
  useEffect(() => setRound((r) => r + 1), [organizationId])

  if (status !== 'ready' || !data || !organizationId) {
    return (
      <LoadStates
        status={status}
        error={error}
        onRetry={reload}
        loading={{ className: 'org-card profile-loading', rows: [6] }}
        classes={{ notFound: 'profile-not-found', back: 'profile-back', error: 'profile-error-state', retry: 'profile-retry' }}
        strings={C}
      />
    )
  }
  const review = data.nameReview
  return (
    <View>
      <View className="org-header">
        <Text className="org-header-label">{S.nameLabel}</Text>
        <View className="org-header-name-row">
          <Text className="org-header-name profile-name">{data.name}</Text>
          <NameReviewTag className="profile-name-review" review={review} />
        </View>
        <Text className="org-header-note">{S.nameNote}</Text>
        <Text className="org-intro">{S.intro}</Text>
      </View>
      <ProfileEditor key={round} organizationId={organizationId} view={data} onSaved={replace} />
    </View>
  )
}

/** 组织信息 (第八条): subpackages/org/profile/index?organizationId=… */
export default function ProfilePage() {
  const { params } = useRouter()
  const { status, endedMessage } = useMe()
  return <View className="page org">{status === 'signedOut' ? <SignInPrompt reason={endedMessage} /> : <ProfileBody organizationId={params.organizationId} />}</View>
}
