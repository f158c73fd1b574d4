import { AsyncLocalStorage } from 'node:async_hooks'
import pino from 'pino'

export type Logger = pino.Logger

/** Fields every log line written inside a request (or other unit of work) carries, e.g. its `reqId`. */
const logContext = new AsyncLocalStorage<Record<string, unknown>>()

/**
 * Runs `work` with `fields` added to every line any logger writes meanwhile, however it got its
 * logger (ctx.state.log, a handler's injected one, a command's): so a request id reaches them all.
 */
export function withLogContext<T>(fields: Record<string, unknown>, work: () => T): T {
  return logContext.run({ ...logContext.getStore(), ...fields }, work)
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'zlbg-server' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => logContext.getStore() ?? {},
    },
    destination,
  )
}
