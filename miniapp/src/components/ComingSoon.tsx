import { Text, View } from '@tarojs/components'
import { STRINGS } from '../strings'
import { EmptyState } from './EmptyState'
import { NotOpenTag } from './Tags'
import './ComingSoon.css'

export type ComingSoonSection = 'listing'

/** An honest placeholder for a tab whose feature is not built yet: says what will be here, shows no data. */
export function ComingSoon({ section }: { section: ComingSoonSection }) {
  const text = STRINGS.comingSoon[section]
  return (
    <View className={`coming-soon coming-soon-${section}`}>
      <EmptyState kind="soon" className="coming-soon-empty" title={text.title} description={text.description}>
        <View className="coming-soon-status">
          <NotOpenTag className="coming-soon-tag" />
          <Text className="coming-soon-footnote">{STRINGS.comingSoon.footnote}</Text>
        </View>
      </EmptyState>
    </View>
  )
}
