import {
  CalendarOverviewSchema,
  CalendarYearParamsSchema,
  CalendarYearSchema,
  PublicityPreviewQuerySchema,
  PublicityWindowSchema,
  YearArrangementInputSchema,
} from '../workdays'
import { route } from './define'

/** The working-day calendar the publicity window is counted on (第十八条): the office's side. */
export const CALENDAR_ROUTES = {
  getCalendar: route({
    method: 'get',
    path: '/api/office/calendar',
    summary: '工作日历：各年度法定节假日与调休安排的来源（节假日库 / 办公室确认）与确认人',
    tag: 'calendar',
    action: 'calendar.read',
    response: CalendarOverviewSchema,
  }),
  previewPublicityWindow: route({
    method: 'get',
    path: '/api/office/calendar/publicity-window',
    summary: '试算公示期：自开始日起 5 个工作日（开始日为第 1 日），截止于第 5 个工作日北京时间 23:59:59（第十八条）',
    tag: 'calendar',
    action: 'calendar.read',
    query: PublicityPreviewQuerySchema,
    response: PublicityWindowSchema,
    errors: ['WORKDAY_YEAR_UNCONFIRMED', 'PUBLICITY_START_NOT_WORKDAY'],
  }),
  getCalendarYear: route({
    method: 'get',
    path: '/api/office/calendar/:year',
    summary: '一个年度的法定节假日与调休上班日（未确认的年度两者皆空）',
    tag: 'calendar',
    action: 'calendar.read',
    params: CalendarYearParamsSchema,
    response: CalendarYearSchema,
  }),
  confirmCalendarYear: route({
    method: 'put',
    path: '/api/office/calendar/:year',
    summary: '录入或确认一个年度的节假日安排（以国务院办公厅通知为准；此后该年度以办公室确认的安排为准，记入审计日志）',
    tag: 'calendar',
    action: 'calendar.confirm',
    params: CalendarYearParamsSchema,
    body: YearArrangementInputSchema,
    response: CalendarYearSchema,
    errors: ['CALENDAR_ARRANGEMENT_INVALID', 'STATE_CONFLICT'],
  }),
} as const
