export default definePageConfig({ navigationBarTitleText: '异议处理' })
