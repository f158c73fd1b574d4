import { Text, View } from '@tarojs/components'
import type { CallSummary } from '@zlbg/shared'
import { applicationWindowText, isApplicationClosed } from '../format'
import { openCall } from '../navigation'
import { STRINGS } from '../strings'
import { Cell } from '../ui/nutui'
import { ClosedTag, SectorTag, YearTag } from './Tags'
import './CallCard.css'

/** One published call in the home list; tapping opens its detail page. */
export function CallCard({ call }: { call: CallSummary }) {
  const closed = call.state === 'closed' || isApplicationClosed(call.applicationWindow)
  return (
    <Cell className="call-card" clickable onClick={() => openCall(call.id)}>
      <View className="call-card-body">
        <View className="call-card-tags">
          <YearTag className="call-card-year" year={call.year} />
          {call.sectors.map((sector) => (
            <SectorTag key={sector} className="call-card-sector" sector={sector} />
          ))}
          {closed ? <ClosedTag className="call-card-closed" /> : null}
        </View>
        <Text className="call-card-title">{call.title}</Text>
        <View className="call-card-window">
          <Text className="call-card-window-label">{STRINGS.callList.applicationWindow}</Text>
          <Text className="call-card-window-value">{applicationWindowText(call.applicationWindow)}</Text>
        </View>
      </View>
    </Cell>
  )
}
