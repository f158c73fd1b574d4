import { CALL_STRINGS } from './strings'

export default definePageConfig({
  navigationBarTitleText: CALL_STRINGS.titles.list,
  enablePullDownRefresh: true,
})
