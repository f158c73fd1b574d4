export default definePageConfig({ navigationBarTitleText: '异议审议' })
