import { csvField } from '../../http/csvField.js';
import { once } from 'node:events';
import { Router, type Response } from 'express';
import { CUSTOMER_LIST_SORTS, ZCustomerListFilterSchema, type TCustomerListFilter, type TCustomerSearchResult } from '@opsdesk/shared';
import { z } from 'zod';
import type { DbOrTrx } from '../../db/database.js';
import { guardedRoute } from '../../http/guardedRoute.js';
import type { AppDeps } from '../../trpc/context.js';
import type { CustomerListSort } from './lookup.cursor.js';
import { findCustomerIdPage, type CustomerIdPage } from './lookup.list.queries.js';
import { findCustomerSummaries } from './lookup.results.queries.js';

/**
 * GET /api/customers/export.csv?filter=<json>&sort=… — the customer list as CSV, every
 * matching row (no cap), in keyset batches written as they are read: memory stays
 * flat however many rows match, and a slow client slows the reads (backpressure)
 * instead of filling the heap. Guarded like a procedure (http/guardedRoute.ts: session,
 * `customers.export`, audited as `customers.exported` with its filter).
 */
const BATCH_SIZE = 1000;
const COLUMNS = ['user_id', 'email', 'name', 'status', 'plan', 'country', 'signup_at', 'stripe_customer_ids', 'workspaces'] as const;

const ZJsonText = z.string().transform((text, ctx) => {
  try {
    return text ? (JSON.parse(text) as unknown) : {};
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be JSON' });
    return z.NEVER;
  }
});

/** The query string: `filter` is the list's filter as JSON; a repeated parameter is refused (400). */
const ZExportQuery = z.object({
  filter: ZJsonText.pipe(ZCustomerListFilterSchema).default({}),
  sort: z.enum(CUSTOMER_LIST_SORTS).default('signup_desc'),
});

export function customerExportRoute(deps: AppDeps): Router {
  const routes = Router();
  routes.get(
    '/api/customers/export.csv',
    guardedRoute(deps, {
      permission: 'customers.export',
      audit: { action: 'customers.exported', targetType: 'customer_list' },
      async handler({ req }) {
        const { filter, sort } = ZExportQuery.parse(req.query);
        // The first page is read before anything is sent: if the database refuses, the answer is a status, not a cut-off file.
        const first = await findCustomerIdPage(deps.db, { filter, sort, cursor: null, limit: BATCH_SIZE });
        return {
          auditInput: { filter, sort },
          send: (res) => streamCsv(res, deps.db, { filter, sort }, first),
        };
      },
    }),
  );
  return routes;
}

/** Writes the header and every page; a client that goes away stops the reads. */
async function streamCsv(res: Response, db: DbOrTrx, read: { filter: TCustomerListFilter; sort: CustomerListSort }, first: CustomerIdPage): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="customers-${new Date().toISOString().slice(0, 10)}.csv"`);
  res.setHeader('Cache-Control', 'no-store');
  let closed = false;
  res.on('close', () => (closed = true));

  await write(res, `${COLUMNS.join(',')}\r\n`);
  for (let page = first; ; ) {
    const summaries = await findCustomerSummaries(db, page.userIds);
    const lines = page.userIds.flatMap((id) => {
      const row = summaries.get(id);
      return row ? [csvLine(row)] : [];
    });
    if (lines.length) await write(res, lines.join(''));
    if (!page.nextCursor || closed) break;
    page = await findCustomerIdPage(db, { ...read, cursor: page.nextCursor, limit: BATCH_SIZE });
  }
  res.end();
}

/** Waits for the socket to drain when its buffer is full, so rows are read no faster than sent. */
async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
}

function csvLine(row: Omit<TCustomerSearchResult, 'matchedOn'>): string {
  const values = [row.userId, row.email, row.name, row.status, row.plan, row.country, row.signupAt, row.stripeCustomerIds.join(' '), row.workspaceNames.join('; ')];
  return `${values.map(csvField).join(',')}\r\n`;
}
