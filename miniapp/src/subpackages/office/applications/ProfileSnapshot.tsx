import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { PROVINCE_LABELS, SECTOR_LABELS, type AttachedFile, type OrganizationProfile, type ProvinceCode } from '@zlbg/shared'
import { dayLabel } from '../../../format'
import { Button } from '../../../ui/nutui'
import { APPLICATIONS_STRINGS } from './strings'

const S = APPLICATIONS_STRINGS.review

/** A label and its value, one line of a snapshot; hook `.review-fact--<name>`. */
export function Fact({ name, label, children }: { name: string; label: string; children: ReactNode }) {
  return (
    <View className={`review-fact review-fact--${name}`}>
      <Text className="review-fact-label">{label}</Text>
      <View className="review-fact-value">{children}</View>
    </View>
  )
}

export function FactText({ children, className = '' }: { children: string; className?: string }) {
  return (
    <Text className={`review-fact-text ${className}`} userSelect>
      {children}
    </Text>
  )
}

/** A downloadable file: its title, its name, and 下载. */
export function FileLine({ file, className, onDownload }: { file: AttachedFile; className: string; onDownload: () => void }) {
  return (
    <View className={`review-file ${className}`}>
      <View className="review-file-text">
        <Text className="review-file-title">{file.title}</Text>
        <Text className="review-file-name">{file.filename}</Text>
      </View>
      <Button className={`${className}-download`} size="small" fill="outline" type="primary" onClick={onDownload}>
        {S.download}
      </Button>
    </View>
  )
}

/**
 * The organization profile as submitted (第八条): what the pre-check judged, for the reviewer to read
 * beside it. Hooks: `.review-profile`, `.review-fact--<field>`, `.review-iso-scan-download`.
 */
export function ProfileSnapshot({
  name,
  profile,
  scan,
  onDownloadScan,
}: {
  name: string
  profile: OrganizationProfile | undefined
  scan: AttachedFile | undefined
  onDownloadScan: (file: AttachedFile) => void
}) {
  if (!profile) return <Text className="review-empty-note">{S.noProfile}</Text>
  const profits = [...profile.profits].sort((a, b) => b.year - a.year)
  return (
    <View className="review-profile">
      <Fact name="name" label={S.orgName}>
        <FactText>{name}</FactText>
      </Fact>
      <Fact name="credit-code" label={S.creditCode}>
        <FactText className="review-mono">{profile.creditCode}</FactText>
      </Fact>
      <Fact name="region" label={S.region}>
        <FactText>{`${PROVINCE_LABELS[profile.region.provinceCode as ProvinceCode] ?? profile.region.provinceCode} ${profile.region.city}`}</FactText>
      </Fact>
      <Fact name="sector" label={S.sectorIndustry}>
        <FactText>{`${SECTOR_LABELS[profile.sector]} · ${profile.industry}`}</FactText>
      </Fact>
      <Fact name="legal-person" label={S.legalPerson}>
        <FactText>{profile.independentLegalPerson ? S.yes : S.no}</FactText>
      </Fact>
      <Fact name="profits" label={S.profits}>
        {profits.map((p) => (
          <Text key={p.year} className={`review-fact-text review-profit${p.netProfitWan <= 0 ? ' review-profit--loss' : ''}`}>
            {S.profitLine(p.year, p.netProfitWan)}
          </Text>
        ))}
      </Fact>
      <Fact name="compliance" label={S.compliance}>
        <FactText className={profile.compliance.noViolations ? '' : 'review-alert'}>
          {profile.compliance.noViolations ? S.noViolations : S.hasViolations}
        </FactText>
        {profile.compliance.disclosure ? <FactText className="review-fact-note">{`${S.disclosure}：${profile.compliance.disclosure}`}</FactText> : null}
      </Fact>
      <Fact name="iso9001" label={S.iso}>
        <FactText>{`${S.isoNumber}：${profile.iso9001.certificateNumber}`}</FactText>
        <FactText>{`${S.isoBody}：${profile.iso9001.certificationBody}`}</FactText>
        <FactText>{`${S.isoDates}：${S.isoRange(dayLabel(profile.iso9001.issuedOn), dayLabel(profile.iso9001.expiresOn))}`}</FactText>
        {scan ? <FileLine file={{ ...scan, title: S.isoScan }} className="review-iso-scan" onDownload={() => onDownloadScan(scan)} /> : null}
      </Fact>
      <Fact name="sharing" label={S.sharing}>
        <FactText className={profile.sharing.willing ? '' : 'review-alert'}>{profile.sharing.willing ? S.sharingYes : S.sharingNo}</FactText>
        {profile.sharing.tradeSecretNote ? <FactText className="review-fact-note">{`${S.tradeSecret}：${profile.sharing.tradeSecretNote}`}</FactText> : null}
      </Fact>
      <Fact name="contacts" label={S.contacts}>
        {profile.contacts.map((c, i) => (
          <FactText key={`${c.name}-${i}`} className="review-contact">
            {[c.name, c.title, c.phone, c.email].filter(Boolean).join(' · ')}
          </FactText>
        ))}
      </Fact>
    </View>
  )
}
