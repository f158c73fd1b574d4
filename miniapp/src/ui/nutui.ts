/**
 * The NutUI components the app uses, each with its own stylesheet. Importing the whole library's
 * stylesheet would add ~229 KB to the weapp main package (measured with NutUI 3.0.20), and deep imports keep
 * unused components out of both builds regardless of tree-shaking. Components only the office
 * workbench uses are in ./nutui-office.ts, so they stay in its subpackage.
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/empty/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/skeleton/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button'
export { default as Cell } from '@nutui/nutui-react-taro/dist/es/packages/cell'
export { default as CellGroup } from '@nutui/nutui-react-taro/dist/es/packages/cellgroup'
export { default as Dialog } from '@nutui/nutui-react-taro/dist/es/packages/dialog'
export { default as Empty } from '@nutui/nutui-react-taro/dist/es/packages/empty'
export { default as Input } from '@nutui/nutui-react-taro/dist/es/packages/input'
export { default as Loading } from '@nutui/nutui-react-taro/dist/es/packages/loading'
export { default as Skeleton } from '@nutui/nutui-react-taro/dist/es/packages/skeleton'
export { default as Tag } from '@nutui/nutui-react-taro/dist/es/packages/tag'
