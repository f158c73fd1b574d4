export default definePageConfig({ navigationBarTitleText: '合议签署' })
