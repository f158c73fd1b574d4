import type { EventInput, EventState, RegistrationState, ResponseOf } from '@zlbg/shared'
import { callApi } from '../../../api/client'

/** The office's side of exchange events (第二十条). */
export type OfficeEvent = ResponseOf<'getOfficeEvent'>
export type OfficeEventRow = ResponseOf<'listOfficeEvents'>['items'][number]
export type OfficeRegistration = ResponseOf<'listEventRegistrations'>['items'][number]
export type EventStep = OfficeEvent['events'][number]

export const fetchOfficeEventPage = (state: EventState | '', page: number) =>
  callApi('listOfficeEvents', { query: { page, pageSize: 20, ...(state ? { state } : {}) }, toast: false })
export const fetchOfficeEvent = (id: string) => callApi('getOfficeEvent', { params: { id }, toast: false })
export const createEvent = (body: EventInput) => callApi('createEvent', { body: body as never, toast: false })
export const updateEvent = (id: string, event: EventInput, notice?: string) => callApi('updateEvent', { params: { id }, body: { event, ...(notice ? { notice } : {}) } as never, toast: false })
export const stepEvent = (id: string, event: EventStep, reason?: string) => callApi('stepEvent', { params: { id }, body: { event, ...(reason ? { reason } : {}) }, toast: false })
export const fetchEventRegistrations = (id: string, state: RegistrationState | '', page: number) =>
  callApi('listEventRegistrations', { params: { id }, query: { page, pageSize: 20, ...(state ? { state } : {}) }, toast: false })
