/**
 * The server's operational log: one JSON object per line on stderr, `{"level","time","event",…}`,
 * for journald or whatever collects it (docs/operations.md, "Logs"). Requests are logged by their
 * route pattern, status and duration, never by the path as sent, a query, a header or a body: the
 * log must never hold a NIK, a KK, a phone number, a password or a token. Fields are therefore
 * flat scalars; a field named like a secret is dropped, and any long digit run in a string is
 * masked in case one slips through (the same rule as security-log.ts).
 */
import { currentTime } from '../shared/dates/clock'

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export type LogFields = Record<string, string | number | boolean | null | undefined>

export interface ServerLog {
  write(level: LogLevel, event: string, fields?: LogFields): void
}

const MAX_TEXT = 300

/** Keys whose value is a secret or personal data whatever it holds. */
const SECRET_KEY = /nik|^kk$|phone|password|secret|token|authorization|cookie/i

function clean(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- one line per entry: control characters out
      .replace(/[\u0000-\u001f\u007f]/g, '?')
      .replace(/[\uD800-\uDFFF]/g, '?')
      // A NIK (16), KK (16) or phone number (10–13) standing alone; ids keep their digits.
      .replace(/(?<![\w-])\+?\d{10,}(?![\w-])/g, '[digits]')
      .slice(0, MAX_TEXT)
  )
}

/** One log line (without the newline): level, time and event first, then the cleaned fields. */
export function formatLogLine(level: LogLevel, event: string, fields: LogFields = {}): string {
  const line: Record<string, string | number | boolean | null> = {
    level,
    time: currentTime().toISOString(),
    event: clean(event),
  }
  for (const [key, value] of Object.entries(fields).slice(0, 30)) {
    if (value === undefined || key in line || SECRET_KEY.test(key)) continue
    line[clean(key)] = typeof value === 'string' ? clean(value) : value
  }
  return JSON.stringify(line)
}

export function parseLogLevel(text: string | undefined): LogLevel {
  const wanted = (text ?? '').trim().toLowerCase()
  if (wanted === '') return 'info'
  if (!(LOG_LEVELS as readonly string[]).includes(wanted)) {
    throw new Error(`NAUNGAN_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`)
  }
  return wanted as LogLevel
}

/**
 * A log writing lines of `minLevel` and above to `sink` (default stderr). startServer's default
 * is 'warn', so a server started inside a test run says only what went wrong; the CLI logs every
 * request ('info', or NAUNGAN_LOG_LEVEL).
 */
export function createServerLog(
  options: { minLevel?: LogLevel; sink?: (line: string) => void } = {},
): ServerLog {
  const threshold = LOG_LEVELS.indexOf(options.minLevel ?? 'info')
  const sink = options.sink ?? ((line: string) => process.stderr.write(line))
  return {
    write(level, event, fields) {
      if (LOG_LEVELS.indexOf(level) < threshold) return
      sink(`${formatLogLine(level, event, fields)}\n`)
    },
  }
}
