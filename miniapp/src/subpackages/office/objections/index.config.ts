export default definePageConfig({ navigationBarTitleText: '异议受理' })
