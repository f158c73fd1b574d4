export default definePageConfig({ navigationBarTitleText: '入选组织' })
