import {
  OrganizationProfileSchema,
  inShanghai,
  type OrganizationProfileInput,
  type ProvinceCode,
  type Sector,
} from '@zlbg/shared'
import type { OrganizationProfileView as ProfileView } from '@zlbg/shared'
import type { AttachedFile as AttachmentItem } from '@zlbg/shared'
import { schemaErrors } from '../../../hooks/pathErrors'
import { ORG_STRINGS } from '../strings'

/** The 组织信息 form as typed: text as typed, yes/no as chips; turned into the contract's shape to check and send. */

export type YesNo = 'yes' | 'no' | ''

export interface ContactForm {
  name: string
  title: string
  phone: string
  email: string
}

export interface ProfileForm {
  creditCode: string
  provinceCode: ProvinceCode | ''
  city: string
  sector: Sector | ''
  industry: string
  independentLegalPerson: YesNo
  profits: { year: number; value: string }[]
  noViolations: YesNo
  disclosure: string
  iso: { certificateNumber: string; certificationBody: string; issuedOn: string; expiresOn: string }
  scan: AttachmentItem[]
  /** 营业执照 scan: the office verifies the credit code against it (第八条(一)). */
  licence: AttachmentItem[]
  sharingWilling: YesNo
  tradeSecretNote: string
  contacts: ContactForm[]
}

export const EMPTY_CONTACT: ContactForm = { name: '', title: '', phone: '', email: '' }

/** 第八条(二): the last three complete years, newest first (the pre-check reads those before the call year). */
export function lastCompleteYears(now: Date = new Date()): number[] {
  const year = inShanghai(now).year()
  return [year - 1, year - 2, year - 3]
}

const yesNo = (b: boolean | undefined): YesNo => (b === undefined ? '' : b ? 'yes' : 'no')
const optional = (s: string) => (s.trim() ? s.trim() : undefined)
const NUMBER = /^-?\d+(\.\d+)?$/

export function profileFormFrom(view: ProfileView | null, now: Date = new Date()): ProfileForm {
  const p = view?.profile
  const saved = new Map(p?.profits.map((x) => [x.year, String(x.netProfitWan)]) ?? [])
  const years = [...new Set([...lastCompleteYears(now), ...saved.keys()])].sort((a, b) => b - a)
  return {
    creditCode: p?.creditCode ?? '',
    provinceCode: p?.region.provinceCode ?? '',
    city: p?.region.city ?? '',
    sector: p?.sector ?? '',
    industry: p?.industry ?? '',
    independentLegalPerson: yesNo(p?.independentLegalPerson),
    profits: years.map((year) => ({ year, value: saved.get(year) ?? '' })),
    noViolations: yesNo(p?.compliance.noViolations),
    disclosure: p?.compliance.disclosure ?? '',
    iso: {
      certificateNumber: p?.iso9001.certificateNumber ?? '',
      certificationBody: p?.iso9001.certificationBody ?? '',
      issuedOn: p?.iso9001.issuedOn ?? '',
      expiresOn: p?.iso9001.expiresOn ?? '',
    },
    scan: view?.iso9001Scan ? [view.iso9001Scan] : [],
    licence: view?.businessLicenceScan ? [view.businessLicenceScan] : [],
    sharingWilling: yesNo(p?.sharing.willing),
    tradeSecretNote: p?.sharing.tradeSecretNote ?? '',
    contacts: p?.contacts.length
      ? p.contacts.map((c) => ({ name: c.name, title: c.title ?? '', phone: c.phone, email: c.email ?? '' }))
      : [{ ...EMPTY_CONTACT }],
  }
}

/** The form as the contract's input; empty optional text is left out. */
export function profileInput(form: ProfileForm): OrganizationProfileInput {
  const scan = form.scan[0]
  const licence = form.licence[0]
  return {
    creditCode: form.creditCode,
    ...(licence ? { businessLicenceScan: { attachmentId: licence.attachmentId, title: licence.title } } : {}),
    region: { provinceCode: form.provinceCode as ProvinceCode, city: form.city },
    sector: form.sector as Sector,
    industry: form.industry,
    independentLegalPerson: form.independentLegalPerson === 'yes',
    // Years left blank are not declared; the pre-check then finds them missing.
    profits: form.profits.filter((p) => p.value.trim()).map((p) => ({ year: p.year, netProfitWan: Number(p.value.trim()) })),
    compliance: { noViolations: form.noViolations === 'yes', disclosure: optional(form.disclosure) },
    iso9001: {
      certificateNumber: form.iso.certificateNumber,
      certificationBody: form.iso.certificationBody,
      issuedOn: form.iso.issuedOn.trim(),
      expiresOn: form.iso.expiresOn.trim(),
      ...(scan ? { scan: { attachmentId: scan.attachmentId, title: scan.title } } : {}),
    },
    sharing: { willing: form.sharingWilling === 'yes', tradeSecretNote: optional(form.tradeSecretNote) },
    contacts: form.contacts.map((c) => ({ name: c.name, title: optional(c.title), phone: c.phone, email: optional(c.email) })),
  } as OrganizationProfileInput
}

/** Every problem with the form, by path: the shared schema's, plus what the chips and numbers need. */
export function profileErrors(form: ProfileForm): Record<string, string> {
  const S = ORG_STRINGS.profile
  const errors = schemaErrors(OrganizationProfileSchema, profileInput(form))
  const choose = '请选择'
  if (!form.provinceCode) errors['region.provinceCode'] = S.pickProvince
  if (!form.sector) errors.sector = choose
  if (!form.independentLegalPerson) errors.independentLegalPerson = choose
  if (!form.noViolations) errors['compliance.noViolations'] = choose
  if (!form.sharingWilling) errors['sharing.willing'] = choose
  form.profits.forEach((p, i) => {
    if (p.value.trim() && !NUMBER.test(p.value.trim())) errors[`profits.${i}`] = S.notNumber
  })
  return errors
}
