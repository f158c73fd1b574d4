export default definePageConfig({ navigationBarTitleText: '参会义务', enablePullDownRefresh: true })
