import { APPLICATIONS_STRINGS } from './strings'

export default definePageConfig({
  navigationBarTitleText: APPLICATIONS_STRINGS.titles.review,
})
