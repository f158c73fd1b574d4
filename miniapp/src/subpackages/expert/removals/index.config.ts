export default definePageConfig({ navigationBarTitleText: '移除确认' })
