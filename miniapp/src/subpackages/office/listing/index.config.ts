import { LISTING_STRINGS } from './strings'

export default definePageConfig({
  navigationBarTitleText: LISTING_STRINGS.title,
  enablePullDownRefresh: true,
})
