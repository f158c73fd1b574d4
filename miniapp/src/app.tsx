import type { PropsWithChildren } from 'react'
import { useChineseMessages } from '@zlbg/shared'
import './app.css'

// Form validation messages from the shared zod schemas read in Chinese.
useChineseMessages()

export default function App({ children }: PropsWithChildren) {
  return children
}
