import { APPROVER_STRINGS } from './strings'

export default definePageConfig({
  navigationBarTitleText: APPROVER_STRINGS.sheetTitle,
})
