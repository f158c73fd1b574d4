import { STRINGS } from '../../strings'

export default definePageConfig({
  navigationBarTitleText: STRINGS.titles.publicity,
})
