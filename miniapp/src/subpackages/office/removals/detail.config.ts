export default definePageConfig({ navigationBarTitleText: '移除与公告' })
