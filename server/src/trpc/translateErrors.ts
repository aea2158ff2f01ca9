import { TRPCError } from '@trpc/server';
import { internalErrorMessage, isUnexpectedError, t } from './init.js';

/**
 * Step 0 of every procedure (procedures.ts): what an error means to the caller, decided
 * once. Edit this file when a new kind of infrastructure failure needs its own answer.
 *
 * 1. TRPCErrors thrown on purpose pass unchanged (4xx, and a 500 with its own message).
 * 2. The database is busy or briefly away (no pooled connection in time, statement
 *    timeout, too many connections, a connection closed by a restart or failover):
 *    503 SERVICE_UNAVAILABLE with `Retry-After`, so clients back off and try again on a
 *    fresh connection (mutations are idempotent, so a retry repeats no effect).
 * 3. Input PostgreSQL refused as data (SQLSTATE class 22, nesting too deep): 400 with a
 *    readable message. The schemas refuse such input first (shared/src/text/safeText.ts);
 *    this is the safety net for what they miss.
 * 4. Anything else: 500 with a generic message and the request id, never the
 *    database's own message (the original error stays the cause, for logs and Sentry).
 */
export const RETRY_AFTER_SECONDS = 5;

/** The cause of a 503: carries `retryAfterSeconds` for the error formatter (init.ts). */
export class ServiceUnavailableError extends Error {
  readonly retryAfterSeconds = RETRY_AFTER_SECONDS;
  constructor(cause: unknown) {
    super('The service is busy right now. Try again in a few seconds.', { cause });
  }
}

type Translation = { code: 'BAD_REQUEST' | 'CONFLICT'; message: string } | { code: 'SERVICE_UNAVAILABLE' } | null;

/** node-postgres's own messages (they carry no SQLSTATE) for a connection not had in time or lost. */
const TRANSIENT_CONNECTION_FAILURES = [
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
  'Connection terminated unexpectedly',
];
/** Statement timeout, too many connections, a configured limit, terminated by an administrator or a crash, not accepting connections yet, idle transaction timed out. */
const BUSY_SQLSTATES = new Set(['57014', '53300', '53400', '57P01', '57P02', '57P03', '25P03']);

/** The SQLSTATE of a PostgreSQL error anywhere in the cause chain, or null. */
export function sqlStateOf(error: unknown): string | null {
  for (let cause = error, depth = 0; cause && depth < 5; cause = (cause as { cause?: unknown }).cause, depth += 1) {
    const { code, severity } = cause as { code?: unknown; severity?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string') return code;
  }
  return null;
}

function isTransientConnectionFailure(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; cause = (cause as { cause?: unknown }).cause, depth += 1) {
    if (cause instanceof Error && TRANSIENT_CONNECTION_FAILURES.includes(cause.message)) return true;
  }
  return false;
}

/** What an unexpected error (not a TRPCError thrown on purpose) means to the caller. */
export function classifyUnexpectedError(error: unknown): Translation {
  if (isTransientConnectionFailure(error)) return { code: 'SERVICE_UNAVAILABLE' };
  const state = sqlStateOf(error);
  if (!state) return null;
  if (BUSY_SQLSTATES.has(state)) return { code: 'SERVICE_UNAVAILABLE' };
  if (state === '22P05' || state === '22021') {
    return { code: 'BAD_REQUEST', message: 'The request contains characters that cannot be stored (a NUL character or invalid Unicode).' };
  }
  if (state === '54001') return { code: 'BAD_REQUEST', message: 'The request is nested too deeply.' };
  if (state.startsWith('54')) return { code: 'BAD_REQUEST', message: 'The request is too large or too complex.' };
  if (state.startsWith('22')) return { code: 'BAD_REQUEST', message: 'A value in the request is malformed or out of range.' };
  if (state === '23505') return { code: 'CONFLICT', message: 'This already exists; reload and try again.' };
  if (state === '40001' || state === '40P01' || state === '55P03') {
    return { code: 'CONFLICT', message: 'Someone changed this at the same time; reload and try again.' };
  }
  return null;
}

/** The error the caller gets for `error`, or `error` itself when it was thrown on purpose. */
export function translateError(error: TRPCError, requestId: string): TRPCError {
  if (!isUnexpectedError(error)) return error;
  const cause = error.cause ?? error;
  const translation = classifyUnexpectedError(cause);
  if (translation?.code === 'SERVICE_UNAVAILABLE') {
    const busy = new ServiceUnavailableError(cause);
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: busy.message, cause: busy });
  }
  if (translation) return new TRPCError({ code: translation.code, message: translation.message, cause });
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: internalErrorMessage(requestId), cause });
}

export const translateErrors = t.middleware(async ({ ctx, path, next }) => {
  const result = await next();
  if (result.ok) return result;
  const translated = translateError(result.error, ctx.request.requestId);
  if (translated === result.error) return result;
  if (translated.code === 'SERVICE_UNAVAILABLE') ctx.response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  // A 4xx from the database means a schema let something through: worth a look, not a page.
  if (translated.code === 'BAD_REQUEST' || translated.code === 'CONFLICT') {
    ctx.deps.logger.warn({ err: result.error.cause, procedure: path, requestId: ctx.request.requestId }, 'database refused the input');
  }
  throw translated;
});
