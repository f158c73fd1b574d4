export default definePageConfig({ navigationBarTitleText: '确认移除' })
