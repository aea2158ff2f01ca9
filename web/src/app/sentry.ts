import * as Sentry from '@sentry/react';

/**
 * Browser error reporting, configured at run time by the server (GET /api/config) so
 * one build serves every environment. Off unless the server hands out a DSN.
 */
interface WebConfig {
  sentryDsn: string | null;
  release: string;
  environment: string;
}

export async function initSentryFromServerConfig(): Promise<void> {
  let config: WebConfig;
  try {
    // Bootstrap only: runs before React and tRPC exist; /api/config is not a tRPC route.
    const response = await fetch('/api/config', { headers: { accept: 'application/json' } });
    if (!response.ok) return;
    config = (await response.json()) as WebConfig;
  } catch {
    return; // Reporting is optional; the console must start without it.
  }
  if (!config.sentryDsn) return;
  Sentry.init({
    dsn: config.sentryDsn,
    release: config.release,
    environment: config.environment,
    beforeSend: stripCredentials,
  });
}

/** Staff consoles handle sensitive data: never ship cookies or auth headers in a report. */
function stripCredentials<E extends Sentry.ErrorEvent>(event: E): E {
  if (event.request) {
    delete event.request.cookies;
    const headers = { ...event.request.headers };
    for (const name of Object.keys(headers)) {
      if (/^(cookie|authorization|x-opsdesk-csrf)$/i.test(name)) delete headers[name];
    }
    event.request.headers = headers;
  }
  return event;
}
