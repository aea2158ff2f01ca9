import * as Sentry from '@sentry/node';

const SENSITIVE_HEADERS = ['cookie', 'authorization', 'x-opsdesk-csrf', 'set-cookie'];

/** Strips what must never leave the building: cookies, credentials, and request bodies. */
export function scrubEvent<T extends Sentry.ErrorEvent>(event: T): T {
  if (event.request) {
    delete event.request.cookies;
    delete event.request.data;
    if (event.request.headers) {
      for (const name of Object.keys(event.request.headers)) {
        if (SENSITIVE_HEADERS.includes(name.toLowerCase())) delete event.request.headers[name];
      }
    }
  }
  return event;
}

/** Server-side error reporting; off unless SENTRY_DSN is set. */
export function initServerSentry(options: { dsn: string | undefined; release: string; environment: string }): boolean {
  if (!options.dsn) return false;
  Sentry.init({
    dsn: options.dsn,
    release: options.release,
    environment: options.environment,
    // Collect no cookies, user info or bodies; scrubEvent is the second net for headers.
    dataCollection: { userInfo: false, cookies: false, httpBodies: [] },
    tracesSampleRate: 0,
    beforeSend: scrubEvent,
  });
  return true;
}

export function reportError(error: unknown, context: { requestId: string; procedure?: string }): void {
  Sentry.withScope((scope) => {
    scope.setTag('request_id', context.requestId);
    if (context.procedure) scope.setTag('procedure', context.procedure);
    Sentry.captureException(error);
  });
}
