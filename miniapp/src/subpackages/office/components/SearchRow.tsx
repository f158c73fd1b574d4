import { useState } from 'react'
import { View } from '@tarojs/components'
import { STRINGS } from '../../../strings'
import { Button, Input } from '../../../ui/nutui'

/** Longest search a workbench list sends. */
const MAX_QUERY = 50

/**
 * A workbench list's search box: searches on the button or the keyboard's search key, and clearing the
 * box searches for everything again. Hooks: `.<prefix>-search-row`, `.<prefix>-filter-q`, `.<prefix>-search`.
 */
export function SearchRow({ prefix, placeholder, onSearch, initial = '' }: { prefix: string; placeholder: string; onSearch: (q: string) => void; initial?: string }) {
  const [draft, setDraft] = useState(initial)
  const search = () => onSearch(draft.trim().slice(0, MAX_QUERY))
  return (
    <View className={`office-search-row ${prefix}-search-row`}>
      <Input
        className={`${prefix}-filter-q`}
        value={draft}
        placeholder={placeholder}
        maxLength={MAX_QUERY}
        clearable
        confirmType="search"
        onChange={setDraft}
        onClear={() => {
          setDraft('')
          onSearch('')
        }}
        onConfirm={search}
      />
      <Button className={`${prefix}-search`} size="small" type="primary" fill="outline" onClick={search}>
        {STRINGS.common.search}
      </Button>
    </View>
  )
}
