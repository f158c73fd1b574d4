export default definePageConfig({ navigationBarTitleText: '编辑交流活动' })
