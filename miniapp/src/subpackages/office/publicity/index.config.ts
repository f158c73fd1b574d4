import { PUBLICITY_STRINGS } from './strings'

export default definePageConfig({
  navigationBarTitleText: PUBLICITY_STRINGS.title,
  enablePullDownRefresh: true,
})
