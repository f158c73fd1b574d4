import { calendarSummaries, calendarYear, publicityWindowFrom, WORKDAY_LIBRARY } from '../commands/calendar/calendarData'
import { yearConfirmer } from '../commands/calendar/yearConfirmer'
import type { Handlers } from '../http/bind'
import type { Logger } from '../logger'
import type { Models } from '../models'

type Names = 'getCalendar' | 'previewPublicityWindow' | 'getCalendarYear' | 'confirmCalendarYear'

/** The working-day calendar (第十八条 counts the publicity window in working days): years, confirmation, preview. */
export function calendarHandlers(models: Models, { logger }: { logger: Logger }): Pick<Handlers, Names> {
  return {
    async getCalendar() {
      return { library: { ...WORKDAY_LIBRARY }, years: await calendarSummaries(models, new Date()) }
    },

    // The same computation starting publicity will make (publicityWindowFrom); here it only answers.
    async previewPublicityWindow(_ctx, { query }) {
      return publicityWindowFrom(models, query.start)
    },

    async getCalendarYear(_ctx, { params }) {
      return calendarYear(models, params.year)
    },

    async confirmCalendarYear(ctx, { params, body, actor }) {
      await yearConfirmer({ models, actor, year: params.year, input: body, logger: ctx.state.log ?? logger })
      return calendarYear(models, params.year)
    },
  }
}
