export default definePageConfig({ navigationBarTitleText: '移除管理' })
