import { publicityWindow } from '@zlbg/shared'
import { calendarSummaries, calendarYear, WORKDAY_LIBRARY, workCalendar } from '../commands/calendar/calendarData'
import { yearConfirmer } from '../commands/calendar/yearConfirmer'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'

type Names = 'getCalendar' | 'previewPublicityWindow' | 'getCalendarYear' | 'confirmCalendarYear'

/** The working-day calendar (第十八条 counts the publicity window in working days): years, confirmation, preview. */
export function calendarHandlers(models: Models, { logger }: { logger: Logger }): Pick<Handlers, Names> {
  return {
    async getCalendar() {
      return { library: { ...WORKDAY_LIBRARY }, years: await calendarSummaries(models, new Date()) }
    },

    // The same computation the office's 开始公示 will make; here it only answers.
    async previewPublicityWindow(_ctx, { query }) {
      const result = publicityWindow(await workCalendar(models), query.start)
      if (!result.ok) throw new AppError(result.code, { message: result.message })
      const { ok: _ok, ...window } = result
      return window
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
