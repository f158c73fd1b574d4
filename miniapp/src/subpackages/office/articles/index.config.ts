import { ARTICLES_STRINGS } from './strings'

export default definePageConfig({
  navigationBarTitleText: ARTICLES_STRINGS.title,
  enablePullDownRefresh: true,
})
