import { once } from 'node:events';
import cookieParser from 'cookie-parser';
import { Router, type Request, type Response } from 'express';
import { hasPermission, ZCustomerListFilterSchema, type TCustomerListFilter, type TCustomerSearchResult } from '@opsdesk/shared';
import { insertAuditEntry } from '../audit/audit.queries.js';
import { resolveSession } from '../../trpc/authenticate.js';
import { createContext, type AppDeps } from '../../trpc/context.js';
import { describeZodError, internalErrorMessage } from '../../trpc/init.js';
import { classifyUnexpectedError, RETRY_AFTER_SECONDS } from '../../trpc/translateErrors.js';
import { findCustomerIdPage } from './lookup.list.queries.js';
import { findCustomerSummaries } from './lookup.results.queries.js';

/**
 * GET /api/customers/export.csv?filter=<json>&sort=… — the customer list as CSV, every
 * matching row (no cap), in keyset batches written as they are read: memory stays
 * flat however many rows match, and a slow client slows the reads (backpressure)
 * instead of filling the heap. Authenticated by the same session cookie and code as
 * tRPC (resolveSession), and on the audit log as `customers.exported` with its filter.
 */
const BATCH_SIZE = 1000;
const COLUMNS = ['user_id', 'email', 'name', 'status', 'plan', 'country', 'signup_at', 'stripe_customer_ids', 'workspaces'] as const;
const SORTS = ['signup_desc', 'signup_asc', 'email_asc'] as const;

export function customerExportRoute(deps: AppDeps, cookieName: string): Router {
  const routes = Router();
  routes.get('/api/customers/export.csv', cookieParser(), async (req, res) => {
    try {
      await exportCustomers(deps, cookieName, req, res);
    } catch (error) {
      if (!res.headersSent) return answerFailure(req, res, error);
      req.log?.error({ err: error }, 'customer export failed mid-stream');
      res.destroy(error as Error);
    }
  });
  return routes;
}

/** The same answers as tRPC's (trpc/translateErrors.ts): 4xx or 503 when it is one, never the database's message. */
function answerFailure(req: Request, res: Response, error: unknown): void {
  const translation = classifyUnexpectedError(error);
  if (translation?.code === 'SERVICE_UNAVAILABLE') {
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    return void res.status(503).json({ error: { code: 'SERVICE_UNAVAILABLE', message: 'The service is busy right now. Try again in a few seconds.' } });
  }
  if (translation) {
    req.log?.warn({ err: error }, 'database refused the export input');
    return void res.status(translation.code === 'CONFLICT' ? 409 : 400).json({ error: translation });
  }
  req.log?.error({ err: error }, 'customer export failed');
  res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: internalErrorMessage(req.id === undefined ? undefined : String(req.id)) } });
}

async function exportCustomers(deps: AppDeps, cookieName: string, req: Request, res: Response): Promise<void> {
  const cookie = req.cookies?.[cookieName];
  const request = { requestId: String(req.id ?? ''), ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null, sessionToken: typeof cookie === 'string' ? cookie : null };
  const context = createContext(deps, request, {
    setSessionCookie: () => undefined,
    clearSessionCookie: () => res.clearCookie(cookieName, { path: '/' }),
    setHeader: (name, value) => res.setHeader(name, value),
  });
  const session = await resolveSession(context);
  if (!session) return void res.status(401).json({ error: { code: 'UNAUTHORIZED', message: 'Your session has ended. Sign in to continue.' } });
  if (!hasPermission(session.staff.roles, 'customers.export')) {
    return void res.status(403).json({ error: { code: 'FORBIDDEN', message: 'You do not have permission to export customers.' } });
  }
  const parsed = parseExportQuery(req.query);
  if (!parsed.ok) return void res.status(400).json({ error: { code: 'BAD_REQUEST', message: parsed.message } });
  const { filter, sort } = parsed;

  // The first page is read before anything is sent: if the database refuses, the answer is a status, not a cut-off file.
  let page = await findCustomerIdPage(deps.db, { filter, sort, cursor: null, limit: BATCH_SIZE });
  await insertAuditEntry(deps.db, { actor: session.staff, action: 'customers.exported', target: { type: 'customer_list', id: '' }, input: { filter, sort }, result: 'success', request });

  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="customers-${new Date().toISOString().slice(0, 10)}.csv"`);
  res.setHeader('Cache-Control', 'no-store');
  let closed = false;
  res.on('close', () => (closed = true));

  await write(res, `${COLUMNS.join(',')}\r\n`);
  for (;;) {
    const summaries = await findCustomerSummaries(deps.db, page.userIds);
    const lines = page.userIds.flatMap((id) => {
      const row = summaries.get(id);
      return row ? [csvLine(row)] : [];
    });
    if (lines.length) await write(res, lines.join(''));
    if (!page.nextCursor || closed) break;
    page = await findCustomerIdPage(deps.db, { filter, sort, cursor: page.nextCursor, limit: BATCH_SIZE });
  }
  res.end();
}

function parseExportQuery(query: Request['query']): { ok: true; filter: TCustomerListFilter; sort: (typeof SORTS)[number] } | { ok: false; message: string } {
  let raw: unknown = {};
  try {
    if (typeof query.filter === 'string' && query.filter) raw = JSON.parse(query.filter);
  } catch {
    return { ok: false, message: 'filter must be JSON' };
  }
  const filter = ZCustomerListFilterSchema.safeParse(raw);
  if (!filter.success) return { ok: false, message: describeZodError(filter.error) };
  const sort = query.sort ?? 'signup_desc';
  if (!SORTS.includes(sort as never)) return { ok: false, message: `sort must be one of ${SORTS.join(', ')}` };
  return { ok: true, filter: filter.data, sort: sort as (typeof SORTS)[number] };
}

/** Waits for the socket to drain when its buffer is full, so rows are read no faster than sent. */
async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
}

function csvLine(row: Omit<TCustomerSearchResult, 'matchedOn'>): string {
  const values = [row.userId, row.email, row.name, row.status, row.plan, row.country, row.signupAt, row.stripeCustomerIds.join(' '), row.workspaceNames.join('; ')];
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * A cell a spreadsheet could run as a formula (OWASP "CSV injection"): one starting with
 * = + - @ | or their full-width forms (＝ ＋ － ＠ ｜), also behind leading whitespace,
 * a non-breaking space or a line break (spreadsheets skip those), or with a tab or
 * carriage return.
 */
const FORMULA_START = /^[\s\u00A0\uFEFF]*[=+\-@|\uFF1D\uFF0B\uFF0D\uFF20\uFF5C]|^[\t\r\n]/;

/** RFC 4180; a cell that could start a formula is prefixed with ' so spreadsheets show it as text. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
