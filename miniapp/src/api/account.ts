import type { ResponseOf } from '@zlbg/shared'
import { callApi } from './client'

/**
 * Sign-in and the caller's own account. The request layer stores the session a sign-in answers
 * with and drops it on logout (client.ts), so these only name the routes.
 */

export type OneTimeCode = ResponseOf<'createBindCode'>

/** Whether the server signs WeChat users in against its local stand-in (development and tests). */
export function fetchAuthMethods() {
  return callApi('authMethods', { toast: false })
}

/** Sign-in forms render their own errors next to the fields. */
export function loginWithWeChatCode(code: string) {
  return callApi('loginWeChat', { body: { code } })
}

export function loginWithPassword(login: string, password: string) {
  return callApi('loginPassword', { body: { login, password }, toast: false })
}

export function acceptInvite(code: string, password: string) {
  return callApi('acceptInvite', { body: { code, password }, toast: false })
}

export function logout() {
  return callApi('logout', {})
}

/** useMe shows its own error state. */
export function fetchMe() {
  return callApi('me', { toast: false })
}

export function changePassword(currentPassword: string, newPassword: string) {
  return callApi('changePassword', { body: { currentPassword, newPassword } })
}

export function createBindCode(): Promise<OneTimeCode> {
  return callApi('createBindCode', {})
}

export type BindPreview = ResponseOf<'previewBind'>

/** Who is on the other side of a bind code; the form shows the refusal next to the field. */
export function previewBind(code: string) {
  return callApi('previewBind', { body: { code }, toast: false })
}

/** Sent only after the person confirmed the preview; `password` for office, admin and approver accounts. */
export function bindWithCode(code: string, password?: string) {
  return callApi('bind', { body: { code, confirm: true, ...(password ? { password } : {}) }, toast: false })
}
