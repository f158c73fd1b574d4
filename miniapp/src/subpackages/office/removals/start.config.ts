export default definePageConfig({ navigationBarTitleText: '启动移除' })
