export default definePageConfig({ navigationBarTitleText: '评审汇总排名' })
