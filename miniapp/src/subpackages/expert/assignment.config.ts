export default definePageConfig({ navigationBarTitleText: '评审工作台' })
