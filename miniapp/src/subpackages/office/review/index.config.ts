export default definePageConfig({ navigationBarTitleText: '评审设置与评分进度' })
