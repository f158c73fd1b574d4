import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ListedOrganizationIdParamsSchema } from '@zlbg/shared'
import { useLoaded, validId } from '../../../hooks/useLoaded'
import { fetchListedOrganization, type ListedOrganization } from '../api'
import { EntryRow, ListedLoaded } from '../Entry'
import { LISTED_STRINGS } from '../strings'
import '../listed.css'

const S = LISTED_STRINGS.organization

function Organization({ o }: { o: ListedOrganization }) {
  return (
    <>
      <View className="listed-card listed-organization">
        <Text className="listed-title listed-organization-name">{o.name}</Text>
        {o.region ? <Text className="listed-meta">{o.region}</Text> : null}
        <Text className="listed-meta listed-organization-years">{S.years(o.years)}</Text>
        <Text className="listed-meta listed-organization-counts">{S.counts(o.listedCount, o.removedCount)}</Text>
      </View>
      <View className="listed-card listed-organization-experiences">
        <Text className="listed-section-title">{S.experiences}</Text>
        {o.experiences.map((e) => (
          <EntryRow key={e.id} entry={e} />
        ))}
      </View>
      <View className="listed-card listed-events">
        <Text className="listed-section-title">{S.events}</Text>
        <Text className="listed-text listed-events-text">
          {o.events.recorded ? S.eventFigures(o.events.offered, o.events.registered, o.events.attended) : S.noEvents}
        </Text>
      </View>
    </>
  )
}

/** 入选组织 (第十九条、第二十条、第二十一条): ?id=… — experiences across years (removed ones marked), exchange events. */
export default function ListedOrganizationPage() {
  const { params } = useRouter()
  const loaded = useLoaded(fetchListedOrganization, validId(ListedOrganizationIdParamsSchema, params.id), { toastErrors: true })
  return (
    <ListedLoaded loaded={loaded} strings={S}>
      {(o) => <Organization o={o} />}
    </ListedLoaded>
  )
}
