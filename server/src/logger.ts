import pino from 'pino'

export type Logger = pino.Logger

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'zlbg-server' }, timestamp: pino.stdTimeFunctions.isoTime })
}
