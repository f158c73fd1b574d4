import type { RegistrationInput, ResponseOf } from '@zlbg/shared'
import { callApi } from '../../api/client'
import { downloadRoute } from '../../api/download'

/** The registrant's side of exchange events (第二十条); only this subpackage loads it. */
export type PublicEvent = ResponseOf<'getEvent'>
export type MyRegistration = ResponseOf<'cancelRegistration'>
export type RegistrationResult = ResponseOf<'registerForEvent'>

export const fetchEvent = (id: string) => callApi('getEvent', { params: { id }, toast: false })
export const fetchMyEventRegistrations = (id: string) => callApi('listMyEventRegistrations', { params: { id }, toast: false })
export const fetchMyRegistrations = (page: number) => callApi('listMyRegistrations', { query: { page, pageSize: 10 }, toast: false })
export const registerForEvent = (id: string, body: RegistrationInput) => callApi('registerForEvent', { params: { id }, body: body as never, toast: false })
export const cancelRegistration = (id: string) => callApi('cancelRegistration', { params: { id }, toast: false })
export const downloadMaterial = (id: string, attachmentId: string, filename: string) => downloadRoute('downloadEventMaterial', {}, filename, { id, attachmentId })

/** Open while published and opensAt ≤ now < closesAt, judged from the instants (a cached answer carries no "open now"); the server checks again. */
export function registrationOpen(e: Pick<PublicEvent, 'state' | 'registrationOpensAt' | 'registrationClosesAt'>, now = Date.now()): boolean {
  return e.state === 'published' && Date.parse(e.registrationOpensAt) <= now && now < Date.parse(e.registrationClosesAt)
}

/** A key for one registering, kept while the form is open: a retried tap registers once and gets the same answer. */
export function newIdempotencyKey(): string {
  const random = Array.from({ length: 16 }, () => Math.floor(Math.random() * 36).toString(36)).join('')
  return `evt-${Date.now().toString(36)}-${random}`
}
