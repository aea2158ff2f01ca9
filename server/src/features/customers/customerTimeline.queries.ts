import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { isDateInRange, isUuid, TIMELINE_SOURCES, type TTimelineItem, type TTimelineSource } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { openAuditRows } from '../audit/auditOpen.js';
import { stripeEventRankSql } from './stripeEventOrder.js';
import { findLiveNoteBodies } from './staffNotes.queries.js';
import { noteAddedBy, stripeEventLink, summarizeAuditEntry, summarizeStripeEvent, timelineQuote } from './timelineSummaries.js';

/**
 * One timeline from two sources, newest first: billing events from the webhook ledger
 * (`ops.stripe_events` of the user's Stripe customers) and the audit log (entries that
 * target the user id — account actions — or one of their Stripe customer ids — billing
 * actions). Each source is read with the same keyset condition and merged here.
 *
 * Order and cursor: (at desc, key desc), `key` = `stripe:<rank>:evt_…` / `audit:<id>`,
 * unique across sources and compared in the "C" collation both in SQL and in JS; `at`
 * keeps microseconds (audit rows) so paging never skips or repeats a row. The rank puts
 * the events of one second in the order Stripe emits them (stripeEventOrder.ts).
 *
 * Stripe objects are read as text: the CamelCasePlugin would rename their snake_case keys.
 *
 * Index: the ledger is filtered by an expression on its payload. For big ledgers add
 *   create index stripe_events_customer_idx on ops.stripe_events
 *     ((coalesce(payload->'data'->'object'->>'customer',
 *                case when payload->'data'->'object'->>'object' = 'customer' then payload->'data'->'object'->>'id' end)),
 *      created desc, id desc);
 */
export const STRIPE_EVENT_CUSTOMER = sql`coalesce(payload->'data'->'object'->>'customer', case when payload->'data'->'object'->>'object' = 'customer' then payload->'data'->'object'->>'id' end)`;

/** Status changes of the account itself; other audit entries are staff actions. */
const ACCOUNT_ACTIONS = new Set(['customer.suspended', 'customer.banned', 'customer.unbanned', 'customer.suspension_lifted']);

/**
 * Bookkeeping, not something that happened to the customer: a repeated request that found
 * the first one (the first one is on the timeline). Refusals (`denied`) are left out too.
 */
export const TIMELINE_NOISE = ['action_request.deduplicated'];

const AT_TEXT = (column: string) => sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

interface Cursor {
  at: string;
  key: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.key])).toString('base64url');
}

/** `at` exactly as AT_TEXT prints it; `key` as the sources build it. Anything else never reaches a query. */
const AT_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const KEY_FORMAT = /^(stripe:\d:[A-Za-z0-9_]{1,255}|audit:\d{1,19})$/;

function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const [at, key] = Array.isArray(decoded) ? decoded : [];
    if (typeof at === 'string' && typeof key === 'string' && AT_FORMAT.test(at) && KEY_FORMAT.test(key) && isDateInRange(new Date(at)) && new Date(at).toISOString().slice(0, 19) === at.slice(0, 19)) return { at, key };
  } catch {
    // fall through
  }
  throw new TRPCError({ code: 'BAD_REQUEST', message: 'cursor: This page link is not valid; reload the timeline.' });
}

type Keyed = TTimelineItem & { key: string };

async function billingItems(db: DbOrTrx, customerIds: string[], after: Cursor | null, limit: number): Promise<Keyed[]> {
  if (customerIds.length === 0) return [];
  const key = sql<string>`('stripe:' || ${stripeEventRankSql('type')} || ':' || id) collate "C"`;
  const rows = await db
    .selectFrom('ops.stripeEvents')
    .select(['id', 'type', key.as('key'), AT_TEXT('created').as('at'), sql<string>`(payload->'data'->'object')::text`.as('objectJson')])
    .where(sql<string>`${STRIPE_EVENT_CUSTOMER}`, 'in', customerIds)
    .$if(after !== null, (q) => q.where('created', '<=', sql<Date>`${after!.at}::timestamptz`).where(sql<boolean>`(created, ${key}) < (${after!.at}::timestamptz, ${after!.key} collate "C")`))
    .orderBy('created', 'desc')
    .orderBy(key, 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, object: JSON.parse(r.objectJson) as Record<string, unknown> })).map((r) => ({
    id: `stripe:${r.id}`,
    key: r.key,
    at: r.at,
    source: 'billing' as const,
    kind: r.type,
    summary: summarizeStripeEvent(r.type, r.object as never),
    detail: null,
    actor: null,
    link: stripeEventLink(r.object as never),
  }));
}

/**
 * Audit rows about the customer, opened (their reasons and errors are sealed under the
 * customer's key, features/audit/auditOpen.ts). An intent ("attempted") is shown only
 * until its outcome is on the log — its staff action request finished — so one line per
 * action; that link is inside the sealed values, so hidden intents are dropped here and
 * the next rows read until the page is full. A "Note added" entry quotes the note as it
 * reads now, not the text its audit row kept: an edit that took a pasted card number or
 * an erased person's name out of a note takes it off the timeline too, and a deleted
 * note is quoted nowhere (the audit log keeps the history, for those who may read it).
 */
async function auditItems(db: DbOrTrx, targetIds: string[], after: Cursor | null, limit: number, sources: ReadonlySet<TTimelineSource>): Promise<Keyed[]> {
  if (!sources.has('account') && !sources.has('staff')) return [];
  const items: Keyed[] = [];
  let cursor = after;
  for (;;) {
    const rows = await openAuditRows(db, await auditRowsAfter(db, targetIds, cursor, limit, sources));
    const notesAdded = rows.map(noteAddedBy);
    const [finished, noteBodies] = await Promise.all([
      findFinishedActionRequests(db, rows.filter((r) => r.result === 'attempted').map(actionRequestIdOf)),
      findLiveNoteBodies(db, notesAdded.filter((id): id is string => id !== null)),
    ]);
    for (const [index, r] of rows.entries()) {
      if (r.result === 'attempted' && finished.has(actionRequestIdOf(r))) continue;
      const noteBody = noteBodies.get(notesAdded[index] ?? '');
      items.push({
        id: `audit:${r.id}`,
        key: `audit:${r.id}`,
        at: r.at,
        source: ACCOUNT_ACTIONS.has(r.action) ? ('account' as const) : ('staff' as const),
        kind: r.action,
        summary: summarizeAuditEntry(r),
        detail: noteBody === undefined ? null : timelineQuote(noteBody),
        actor: r.actorEmail,
        link: null,
      });
    }
    if (items.length >= limit || rows.length < limit) return items.slice(0, limit);
    cursor = { at: rows.at(-1)!.at, key: `audit:${rows.at(-1)!.id}` };
  }
}

/** Account actions are a known set of audit actions; every other entry about the customer is a staff action. */
function auditRowsAfter(db: DbOrTrx, targetIds: string[], after: Cursor | null, limit: number, sources: ReadonlySet<TTimelineSource>) {
  const key = sql<string>`('audit:' || id) collate "C"`;
  const accountActions = [...ACCOUNT_ACTIONS];
  return db
    .selectFrom('ops.auditLog')
    .select(['id', 'action', 'actorEmail', 'reason', 'result', 'error', 'input', 'after', AT_TEXT('occurredAt').as('at')])
    .where('targetType', '=', 'customer')
    .where('targetId', 'in', targetIds)
    .where('action', 'not in', TIMELINE_NOISE)
    .where('result', '!=', 'denied')
    .$if(!sources.has('staff'), (q) => q.where('action', 'in', accountActions))
    .$if(!sources.has('account'), (q) => q.where('action', 'not in', accountActions))
    .$if(after !== null, (q) => q.where('occurredAt', '<=', sql<Date>`${after!.at}::timestamptz`).where(sql<boolean>`(occurred_at, ${key}) < (${after!.at}::timestamptz, ${after!.key} collate "C")`))
    .orderBy('occurredAt', 'desc')
    .orderBy(key, 'desc')
    .limit(limit)
    .execute();
}

const actionRequestIdOf = (row: { after?: unknown }) => {
  const id = (row.after as { requestId?: unknown } | null)?.requestId;
  return typeof id === 'string' && isUuid(id) ? id : '';
};

/** Of these staff action requests, the ones whose outcome is recorded (it is written with the status change). */
async function findFinishedActionRequests(db: DbOrTrx, ids: string[]): Promise<Set<string>> {
  const wanted = ids.filter((id) => id !== '');
  if (wanted.length === 0) return new Set();
  const rows = await db.selectFrom('ops.actionRequests').select('id').where('id', 'in', wanted).where('status', 'in', ['succeeded', 'failed']).execute();
  return new Set(rows.map((r) => r.id));
}

const newestFirst = (a: Keyed, b: Keyed) => (a.at === b.at ? (a.key < b.key ? 1 : a.key > b.key ? -1 : 0) : a.at < b.at ? 1 : -1);

/**
 * `sources` narrows the timeline to what staff did (account and staff actions) or what
 * Stripe did (billing); a cursor from one choice pages another just as well (the same keys).
 */
export async function findCustomerTimeline(
  db: DbOrTrx,
  request: { userId: string; cursor?: string; limit: number; sources?: readonly TTimelineSource[] },
): Promise<{ items: TTimelineItem[]; nextCursor: string | null }> {
  const after = decodeCursor(request.cursor);
  const sources: ReadonlySet<TTimelineSource> = new Set(request.sources ?? TIMELINE_SOURCES);
  const owned = await db.selectFrom('app.workspaces').select('stripeCustomerId').where('ownerUserId', '=', request.userId).where('stripeCustomerId', 'is not', null).execute();
  const customerIds = owned.map((w) => w.stripeCustomerId!);
  const [billing, audit] = await Promise.all([
    sources.has('billing') ? billingItems(db, customerIds, after, request.limit + 1) : [],
    auditItems(db, [request.userId, ...customerIds], after, request.limit + 1, sources),
  ]);
  const merged = [...billing, ...audit].sort(newestFirst);
  const page = merged.slice(0, request.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ key: _key, ...item }) => item),
    nextCursor: merged.length > request.limit && last ? encodeCursor({ at: last.at, key: last.key }) : null,
  };
}
