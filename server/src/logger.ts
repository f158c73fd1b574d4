import pino from 'pino'

export type Logger = pino.Logger

/**
 * Every request is logged (requestContext). Lines are written asynchronously — batched by pino's
 * sonic-boom instead of one blocking write per line, which cost a public read about a fifth of its
 * time — and flushed synchronously when the process exits, so only a SIGKILL can lose the last few.
 */
export function createLogger(level: string): Logger {
  const options = { level, base: { service: 'zlbg-server' }, timestamp: pino.stdTimeFunctions.isoTime }
  return level === 'silent' ? pino(options) : pino(options, pino.destination({ dest: 1, sync: false }))
}
