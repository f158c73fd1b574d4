export default definePageConfig({ navigationBarTitleText: '移除公告', enablePullDownRefresh: true })
