export default definePageConfig({ navigationBarTitleText: '评分记录' })
