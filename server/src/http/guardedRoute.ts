import { getTRPCErrorFromUnknown, TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import cookieParser from 'cookie-parser';
import type { Request, RequestHandler, Response } from 'express';
import type { Permission } from '@opsdesk/shared';
import { ZodError } from 'zod';
import { insertAuditEntry } from '../features/audit/audit.queries.js';
import { reportError } from '../observability/sentry.js';
import { requireSession } from '../trpc/authenticate.js';
import { requirePermission } from '../trpc/authorize.js';
import { createContext, type AppDeps, type Context, type StaffSession } from '../trpc/context.js';
import { describeZodError, isInputValidationError } from '../trpc/init.js';
import { RETRY_AFTER_SECONDS, translateError } from '../trpc/translateErrors.js';
import { expressResponseControl, requestInfoOf, sessionCookieName } from './sessionCookie.js';

/**
 * The guard for staff-facing Express routes that cannot be procedures (a CSV download:
 * a plain link, a streamed body). Edit this file when such a route needs something
 * procedures have; write the route with `guardedRoute`, never with its own checks.
 *
 * 1. Session: the cookie is resolved by tRPC's own code (requireSession on createContext):
 *    none → 401, the stale cookie cleared.
 * 2. Permission: from the shared table (requirePermission): refused → 403 and a `denied`
 *    row, as for an audited procedure.
 * 3. The handler prepares its answer: validates its input, does the first read —
 *    anything that may still fail with a status — and says what the log records. It
 *    names its target as soon as it knows it, so a refusal after that is filed under it.
 * 4. The audit row is written, then the answer is sent: nothing leaves that is not on
 *    the log. A failure before sending is audited as `failure` (not invalid input) and
 *    answered as tRPC answers it (translateErrors.ts): 4xx, 503 with Retry-After, or a
 *    generic 500 with the request id, never the database's message. A refusal the
 *    handler answers itself (a status tRPC has no code for) is a `failure` row too.
 * 5. A failure while sending (a page read between batches, the socket) adds a `failure`
 *    row under the same target: the first row says the answer started, this one that it
 *    did not complete. Once bytes have left, the connection is cut, so the file is
 *    visibly incomplete rather than silently short.
 */
export interface GuardedRequest {
  context: Context;
  session: StaffSession;
  req: Request;
  /** What the request is about, once known: the row of a failure from here on names it (as a procedure's audit.target). */
  target(type: string, id: string): void;
}

export interface PreparedAnswer {
  /** What the audit row records as the input (e.g. the parsed filter). */
  auditInput: unknown;
  target?: { type: string; id: string };
  /** Set when the answer is a refusal (e.g. 410 Gone): the row records `failure` with this message, not `success`. */
  refusal?: string;
  /** Sends the answer; the audit row is already written. */
  send(res: Response): Promise<void>;
}

export interface GuardedRouteSpec {
  permission: Permission;
  /** Past tense, e.g. `customers.exported`. */
  audit: { action: string; targetType?: string };
  handler(request: GuardedRequest): Promise<PreparedAnswer>;
}

export function guardedRoute(deps: AppDeps, spec: GuardedRouteSpec): RequestHandler[] {
  const cookieName = sessionCookieName(deps.config.production);
  const guard: RequestHandler = async (req, res) => {
    const context = createContext(deps, requestInfoOf(req, cookieName), expressResponseControl(res, cookieName, deps.config.production));
    const failed = (error: unknown) => answerFailure(context, req, res, error);
    let session: StaffSession;
    try {
      session = await requireSession(context);
      await requirePermission(context, session, spec.permission, { audited: true, action: spec.audit.action, name: req.path });
    } catch (error) {
      return failed(error);
    }

    let target: { type: string; id: string } | null = spec.audit.targetType ? { type: spec.audit.targetType, id: '' } : null;
    const row = { actor: session.staff, action: spec.audit.action, request: context.request };
    // The answer is the original failure's even when its row cannot be written (the database may be what failed).
    const auditFailure = (entry: { target: typeof target; input: unknown; error: string }) =>
      insertAuditEntry(deps.db, { ...row, ...entry, result: 'failure' }).catch((auditError: unknown) => req.log?.error({ err: auditError }, 'auditing a failed route failed'));
    let prepared: PreparedAnswer;
    try {
      prepared = await spec.handler({ context, session, req, target: (type, id) => void (target = { type, id }) });
      if (prepared.target) target = prepared.target;
      const outcome = prepared.refusal === undefined ? { result: 'success' as const } : { result: 'failure' as const, error: prepared.refusal };
      await insertAuditEntry(deps.db, { ...row, target, input: prepared.auditInput, ...outcome });
    } catch (error) {
      if (!isInputRefusal(error)) await auditFailure({ target, input: req.query, error: getTRPCErrorFromUnknown(error).message });
      return failed(error);
    }

    try {
      await prepared.send(res);
    } catch (error) {
      await auditFailure({ target, input: prepared.auditInput, error: `The answer did not complete: ${getTRPCErrorFromUnknown(error).message}` });
      if (!res.headersSent) return failed(error);
      req.log?.error({ err: error }, `${spec.audit.action}: failed mid-answer`);
      res.destroy(error as Error);
    }
  };
  return [cookieParser(), guard];
}

function isInputRefusal(error: unknown): boolean {
  return error instanceof ZodError || (error instanceof TRPCError && isInputValidationError(error));
}

/** The status and message tRPC would give the same error (4xx kept, database errors translated, a generic 500). */
function answerFailure(context: Context, req: Request, res: Response, thrown: unknown): void {
  const cause = thrown instanceof ZodError ? new TRPCError({ code: 'BAD_REQUEST', cause: thrown }) : getTRPCErrorFromUnknown(thrown);
  const error = translateError(cause, context.request.requestId);
  const message = error.cause instanceof ZodError ? describeZodError(error.cause) : error.message;
  if (error.code === 'SERVICE_UNAVAILABLE') res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  if (error !== cause && (error.code === 'BAD_REQUEST' || error.code === 'CONFLICT')) req.log?.warn({ err: thrown, route: req.path }, 'database refused the input');
  if (error.code === 'INTERNAL_SERVER_ERROR') {
    req.log?.error({ err: thrown, route: req.path }, 'route failed');
    reportError(thrown, { requestId: context.request.requestId, procedure: req.path });
  }
  res.status(getHTTPStatusCodeFromError(error)).json({ error: { code: error.code, message } });
}
