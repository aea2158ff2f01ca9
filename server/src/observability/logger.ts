import pino, { type Logger } from 'pino';

/** Paths pino blanks in every log line: credentials never reach the logs. */
export const LOG_REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-opsdesk-csrf"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.totpCode',
  '*.secret',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: 'opsdesk' }, redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' } }, destination);
}
