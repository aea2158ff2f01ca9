/**
 * Why a run's AbortSignal fired. The engine records the matching outcome; the work
 * only needs to stop.
 */
export class JobCancelled extends Error {
  constructor() {
    super('Cancelled from the console.');
  }
}

export class JobTimedOut extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Took longer than ${formatDuration(timeoutMs)}, this kind's timeout; stopped.`);
  }
}

/** The server is stopping (or lost its database connection): the run is resumed or failed like after a crash. */
export class EngineStopping extends Error {
  constructor(reason: string) {
    super(reason);
  }
}

/** The reason an interrupted, non-resumable run is given, as the console shows it. */
export const STOPPED_WHILE_RUNNING = 'The server stopped while it ran';

export const ERROR_MAX = 2000;

export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const clean = message.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, '\uFFFD');
  return clean.length > ERROR_MAX ? `${clean.slice(0, ERROR_MAX - 1)}…` : clean || 'Failed without a message.';
}

function formatDuration(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`;
}
