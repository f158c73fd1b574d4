export default definePageConfig({ navigationBarTitleText: '往年名单导入' })
