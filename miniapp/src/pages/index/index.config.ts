import { STRINGS } from '../../strings'

export default definePageConfig({
  navigationBarTitleText: STRINGS.titles.home,
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 100,
})
