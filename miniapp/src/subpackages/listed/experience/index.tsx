import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ListedIdParamsSchema } from '@zlbg/shared'
import { useLoaded, validId } from '../../../hooks/useLoaded'
import { openPage, PAGES } from '../../../navigation'
import { fetchListed, type ListedDetail } from '../api'
import { EntryRow, ListedLoaded, RemovalNotice } from '../Entry'
import { LISTED_STRINGS } from '../strings'
import '../listed.css'

const S = LISTED_STRINGS.experience

function Detail({ d }: { d: ListedDetail }) {
  const e = d.experience
  const meta = [e.sector, e.region].filter(Boolean).join(' · ')
  return (
    <>
      <View className={`listed-card listed-experience listed-experience--${e.state}`}>
        <Text className="listed-year">{S.year(e.year)}</Text>
        <Text className="listed-title">{e.title}</Text>
        <Text className="listed-org">{e.organizationName}</Text>
        {meta ? <Text className="listed-meta">{meta}</Text> : null}
        <Text className="listed-meta listed-source">{e.publishedAt ? S.publishedAt(e.publishedAt) : S.imported}</Text>
        <RemovalNotice entry={e} />
      </View>
      <View className="listed-card">
        <Text className="listed-section-title">{S.summary}</Text>
        <Text className="listed-text listed-summary" userSelect>
          {e.summary ?? S.noSummary}
        </Text>
      </View>
      <View className="listed-card">
        <Text className="listed-section-title">{S.organization}</Text>
        <Text className="listed-org-name">{d.organization.name}</Text>
        <Text className="listed-link listed-open-organization" onClick={() => openPage(`${PAGES.listedOrganization}?id=${encodeURIComponent(d.organization.id)}`)}>
          {S.viewOrganization}
        </Text>
      </View>
      {d.others.length ? (
        <View className="listed-card listed-others">
          <Text className="listed-section-title">{S.others(d.others.length)}</Text>
          {d.others.map((o) => (
            <EntryRow key={o.id} entry={o} />
          ))}
        </View>
      ) : null}
    </>
  )
}

/** 一条入选经验 (第十九条): ?id=… — organization, title, summary, sector, region, year; removal and its announcement (第二十一条). */
export default function ListedExperiencePage() {
  const { params } = useRouter()
  const loaded = useLoaded(fetchListed, validId(ListedIdParamsSchema, params.id), { toastErrors: true })
  return (
    <ListedLoaded loaded={loaded} strings={S}>
      {(d) => <Detail d={d} />}
    </ListedLoaded>
  )
}
