export default definePageConfig({ navigationBarTitleText: '合议与签署' })
