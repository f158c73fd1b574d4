export default definePageConfig({ navigationBarTitleText: '答辩与现场考察' })
