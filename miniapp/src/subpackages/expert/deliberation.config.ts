export default definePageConfig({ navigationBarTitleText: '合议结果' })
