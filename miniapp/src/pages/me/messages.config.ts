import { STRINGS } from '../../strings'

export default definePageConfig({
  navigationBarTitleText: STRINGS.titles.messages,
  enablePullDownRefresh: true,
})
