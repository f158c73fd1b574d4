export default definePageConfig({ navigationBarTitleText: '异议决定' })
