/**
 * NutUI components only the office workbench (subpackages/office) uses. Imported from the
 * subpackage alone, so the weapp build keeps them — and their styles — out of the main package.
 */
import '@nutui/nutui-react-taro/dist/es/packages/checkbox/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/datepicker/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/radio/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'

export { default as Checkbox } from '@nutui/nutui-react-taro/dist/es/packages/checkbox'
export { default as DatePicker } from '@nutui/nutui-react-taro/dist/es/packages/datepicker'
export { default as Popup } from '@nutui/nutui-react-taro/dist/es/packages/popup'
export { default as Radio } from '@nutui/nutui-react-taro/dist/es/packages/radio'
export { default as TextArea } from '@nutui/nutui-react-taro/dist/es/packages/textarea'
