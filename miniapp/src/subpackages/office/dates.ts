import { dayString } from '../../format'

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

function parts(day: string): [number, number, number] {
  const match = DAY.exec(day)
  if (!match) throw new Error(`not a day: ${day}`)
  return [Number(match[1]), Number(match[2]), Number(match[3])]
}

/** A date picker's value for a `YYYY-MM-DD` day: its local midnight, which is the day the picker shows. */
export function pickerDate(day: string): Date {
  const [y, m, d] = parts(day)
  return new Date(y, m - 1, d)
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = parts(day)
  const next = new Date(Date.UTC(y, m - 1, d + days))
  return dayString(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate())
}
