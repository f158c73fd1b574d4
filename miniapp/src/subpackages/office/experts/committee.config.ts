export default definePageConfig({ navigationBarTitleText: '评审委员会' })
