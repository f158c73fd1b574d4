export default definePageConfig({ navigationBarTitleText: '入选经验' })
