export default definePageConfig({ navigationBarTitleText: '评审分配' })
