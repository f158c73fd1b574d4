import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { ARTICLE_SOURCE_KINDS, ARTICLE_SOURCE_LABELS, formatDateTime, type ArticleSourceKind, type Me } from '@zlbg/shared'
import { fetchArticlesPage, type ArticleSource } from '../../../api/officeArticles'
import { ArticleActions } from '../../../components/articles/ArticleActions'
import { PagedListBody, SkeletonList } from '../../../components/PagedListBody'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { STRINGS } from '../../../strings'
import { Tag } from '../../../ui/nutui'
import { ChoiceRow, type Choice } from '../components/ChoiceRow'
import { OfficeHeader } from '../components/OfficeHeader'
import { StaffOnly } from '../components/StaffOnly'
import { useOfficeList, usePullDownReload } from '../components/useOfficeList'
import { ARTICLES_STRINGS as S } from './strings'
import '../components/office.css'
import './articles.css'

type Kind = ArticleSourceKind | ''
type Row = ArticleSource & { key: string }

const KIND_CHOICES: Choice<Kind>[] = [{ value: '', label: STRINGS.common.all }, ...ARTICLE_SOURCE_KINDS.map((k) => ({ value: k, label: ARTICLE_SOURCE_LABELS[k] }))]

const fetchRows = async (kind: Kind, page: number) => {
  const found = await fetchArticlesPage(page, kind || undefined)
  // One source id can name a list and a removal alike only in theory; the kind keeps rows apart.
  return { ...found, items: found.items.map((a) => ({ ...a, id: `${a.kind}:${a.id}`, key: a.id })) }
}

function ArticleRow({ row }: { row: Row & { id: string } }) {
  return (
    <View className={`office-article-row office-article-row--${row.kind}`}>
      <View className="office-article-head">
        <Tag className="zlbg-tag office-article-kind" type="primary">
          {row.kindLabel}
        </Tag>
        <Text className="office-article-date">{S.published(formatDateTime(row.date))}</Text>
      </View>
      <Text className="office-article-title">{row.title}</Text>
      <Text className="office-article-digest">{row.digest}</Text>
      <ArticleActions kind={row.kind} sourceId={row.key} initial={{ ...row, id: row.key }} />
    </View>
  )
}

function ArticlesWorkbench() {
  const [kind, setKind] = useState<Kind>('')
  const [list] = useOfficeList(kind, fetchRows)
  usePullDownReload(list)
  return (
    <View className="office-articles">
      <OfficeHeader title={S.title}>
        <Text className="office-total office-articles-intro">{S.intro}</Text>
      </OfficeHeader>
      <View className="office-articles-filter">
        <ChoiceRow prefix="office-articles-kind" label={S.kind} choices={KIND_CHOICES} value={kind} onChange={setKind} />
      </View>
      <PagedListBody
        list={list}
        prefix="office-articles-list"
        className="office-articles-list"
        strings={S}
        loading={<SkeletonList className="office-articles-loading" itemClassName="office-article-row" rows={3} />}
        footer={{ className: 'office-articles-footer' }}
      >
        {(row) => <ArticleRow key={row.id} row={row} />}
      </PagedListBody>
    </View>
  )
}

/** 公众号图文 (第十八条、第十九条、第二十一条): an article per public list or announcement; push to the draft box or download the HTML. */
export default function OfficeArticlesPage() {
  return (
    <View className="page office">
      <StaffOnly>
        {(me: Me) => (
          <WorkbenchShell me={me} area="articles">
            <ArticlesWorkbench />
          </WorkbenchShell>
        )}
      </StaffOnly>
    </View>
  )
}
