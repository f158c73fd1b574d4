import type { PropsWithChildren } from 'react'
import { useChineseMessages } from '@zlbg/shared'
import './app.css'

// The desktop root size cap exists only in the browser build.
if (process.env.TARO_ENV === 'h5') require('./desktop.css')

// Form validation messages from the shared zod schemas read in Chinese.
useChineseMessages()

export default function App({ children }: PropsWithChildren) {
  return children
}
