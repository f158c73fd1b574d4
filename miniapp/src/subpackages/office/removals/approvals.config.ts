export default definePageConfig({ navigationBarTitleText: '移除确认（审批）' })
