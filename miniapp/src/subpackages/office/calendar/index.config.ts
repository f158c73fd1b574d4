import { CALENDAR_STRINGS } from './strings'

export default definePageConfig({
  navigationBarTitleText: CALENDAR_STRINGS.title,
})
