import { z } from 'zod'
import { zhCN } from 'zod/locales'

let configured = false

/** Zod's own Chinese messages, for the server and the mini-program alike. Idempotent. */
export function useChineseMessages(): void {
  if (configured) return
  z.config(zhCN())
  configured = true
}
