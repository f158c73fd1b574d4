import dayjs from 'dayjs'
import { z } from 'zod'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/**
 * Every deadline and window is computed and shown in Asia/Shanghai. China has kept UTC+8 without
 * daylight saving since 1991, so a fixed offset is exact and does not depend on the Intl time-zone
 * data that some WeChat Android runtimes lack.
 */
export const TIME_ZONE = 'Asia/Shanghai'
const SHANGHAI_OFFSET_MINUTES = 8 * 60

export function inShanghai(instant: string | Date) {
  return dayjs.utc(instant).utcOffset(SHANGHAI_OFFSET_MINUTES)
}

export function formatDate(instant: string | Date): string {
  return inShanghai(instant).format('YYYY年M月D日')
}

export function formatDateTime(instant: string | Date): string {
  return inShanghai(instant).format('YYYY年M月D日 HH:mm')
}

/** An ISO-8601 instant with an explicit offset, e.g. 2026-03-01T00:00:00+08:00 or …Z. */
export const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/

/**
 * An instant sent to the server: RFC 3339 date-time with an offset, as the OpenAPI document's
 * `format: date-time` says — seconds included (issue 12, item 7: zod alone took `0020-02-29T00:00Z`).
 */
export function rfc3339Instant() {
  return z.iso.datetime({ offset: true, abort: true }).regex(/T\d{2}:\d{2}:\d{2}/, '时间须精确到秒，如 2026-03-01T00:00:00+08:00')
}
