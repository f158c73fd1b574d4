import { SIMILARITY_STRINGS } from './strings'

export default definePageConfig({
  navigationBarTitleText: SIMILARITY_STRINGS.title,
})
