import { ORG_STRINGS } from '../strings'

export default definePageConfig({
  navigationBarTitleText: ORG_STRINGS.titles.profile,
})
