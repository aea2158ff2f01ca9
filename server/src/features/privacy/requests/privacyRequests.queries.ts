import { sql, type Insertable, type Updateable } from 'kysely';
import type { TPrivacyDeadlineCounts, TPrivacyDeadlineView, TPrivacyRequestKind, TPrivacyRequestStatus, TPrivacySubjectKind } from '@opsdesk/shared';
import type { DbOrTrx, Trx } from '../../../db/database.js';
import type { PrivacyRequestTable } from '../privacy.table.js';

/** One request as stored (dates as YYYY-MM-DD text: pg would read `date` as local midnight). */
function selectRequest(db: DbOrTrx) {
  return db
    .selectFrom('ops.privacyRequests')
    .selectAll()
    .select((eb) => [eb.cast<string>('originalDueOn', 'text').as('originalDueOn'), eb.cast<string>('dueOn', 'text').as('dueOn')]);
}
export type StoredPrivacyRequest = NonNullable<Awaited<ReturnType<typeof findPrivacyRequest>>>;

export function findPrivacyRequest(db: DbOrTrx, id: string) {
  return selectRequest(db).where('id', '=', id).executeTakeFirst();
}

/** The request, locked until the transaction ends: every status change goes through here. */
export function lockPrivacyRequest(trx: Trx, id: string) {
  return selectRequest(trx).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updatePrivacyRequest(trx: DbOrTrx, id: string, fields: Updateable<PrivacyRequestTable>): Promise<void> {
  await trx.updateTable('ops.privacyRequests').set({ ...fields, updatedAt: new Date() }).where('id', '=', id).execute();
}

/** Requests that still need an answer (the deadline views count only these). */
export const CLOSED_STATUSES: readonly TPrivacyRequestStatus[] = ['completed', 'rejected'];

/**
 * Inserts a request; undefined when the subject already has an open erasure (the partial
 * unique index decides, so two concurrent recordings cannot both succeed).
 */
export async function insertPrivacyRequest(trx: Trx, values: Insertable<PrivacyRequestTable>): Promise<StoredPrivacyRequest | undefined> {
  const inserted = await trx
    .insertInto('ops.privacyRequests')
    .values(values)
    // Literal predicate: PostgreSQL infers the partial index only from constants, not parameters.
    .onConflict((oc) => oc.expression(sql`subject_kind, lower(subject_value)`).where(sql<boolean>`kind = 'erasure' and status not in ('completed', 'rejected')`).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted && findPrivacyRequest(trx, inserted.id);
}

export function findOpenErasure(db: DbOrTrx, subject: { kind: TPrivacySubjectKind; value: string }) {
  return selectRequest(db)
    .where('kind', '=', 'erasure')
    .where('status', 'not in', CLOSED_STATUSES)
    .where('subjectKind', '=', subject.kind)
    .where(sql<string>`lower(subject_value)`, '=', subject.value.toLowerCase())
    .executeTakeFirst();
}

export interface PrivacyRequestFilter {
  status?: TPrivacyRequestStatus;
  kind?: TPrivacyRequestKind;
  view?: TPrivacyDeadlineView;
  open?: boolean;
  customerId?: string;
  userId?: string;
  /** The keyset: the last row of the previous page (with its due date in deadline order). */
  after?: { createdAt: string; id: string; dueOn?: string };
  limit: number;
  /** Today's UTC date and the end of the due-this-week window (YYYY-MM-DD), from deadlines.ts. */
  today: string;
  weekEnd: string;
}

/** Lists of open requests only (`open`, a deadline view): these are worked in the order they fall due. */
export function listsByDeadline(filter: Pick<PrivacyRequestFilter, 'open' | 'view'>): boolean {
  return filter.open === true || filter.view !== undefined;
}

/**
 * Open lists in deadline order, soonest due first (then oldest), keyset on (due_on,
 * created_at, id): the order they must be answered in. Any other list newest first,
 * keyset on (created_at, id). `cursorKey` is created_at to the microsecond, for the next page.
 */
export function findPrivacyRequestsPage(db: DbOrTrx, filter: PrivacyRequestFilter) {
  let query = selectRequest(db).select(sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursorKey'));
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.userId) query = query.where('userId', '=', filter.userId);
  if (filter.customerId) query = query.where(sql<boolean>`customer_ids @> array[${filter.customerId}]::text[]`);
  if (filter.open) query = query.where('status', 'not in', CLOSED_STATUSES);
  if (filter.view === 'on_hold') query = query.where('status', '=', 'on_hold');
  else if (filter.view) {
    query = query.where('status', 'not in', CLOSED_STATUSES);
    if (filter.view === 'overdue') query = query.where(sql<boolean>`due_on < ${filter.today}::date`);
    if (filter.view === 'due_this_week') query = query.where(sql<boolean>`due_on between ${filter.today}::date and ${filter.weekEnd}::date`);
    if (filter.view === 'extended') query = query.where('extensionMonths', 'is not', null);
  }
  if (listsByDeadline(filter)) {
    if (filter.after) {
      const { dueOn, createdAt, id } = filter.after;
      query = query.where(sql<boolean>`(due_on, created_at, id) > (${dueOn}::date, ${createdAt}::timestamptz, ${id}::uuid)`);
    }
    // The table's date, not the text alias selectRequest gives it the same name.
    return query.orderBy(sql`privacy_requests.due_on`, 'asc').orderBy('createdAt', 'asc').orderBy('id', 'asc').limit(filter.limit + 1).execute();
  }
  if (filter.after) {
    const { createdAt, id } = filter.after;
    query = query.where(sql<boolean>`(created_at, id) < (${createdAt}::timestamptz, ${id}::uuid)`);
  }
  return query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(filter.limit + 1).execute();
}

/** The deadline cards: open requests only (on hold counts on its own card and in the dates). */
export async function countPrivacyDeadlines(db: DbOrTrx, window: { today: string; weekEnd: string }): Promise<TPrivacyDeadlineCounts> {
  const result = await sql<{ dueThisWeek: string; overdue: string; extended: string; onHold: string }>`
    select count(*) filter (where due_on between ${window.today}::date and ${window.weekEnd}::date) as due_this_week,
           count(*) filter (where due_on < ${window.today}::date) as overdue,
           count(*) filter (where extension_months is not null) as extended,
           count(*) filter (where status = 'on_hold') as on_hold
    from ops.privacy_requests where status not in ('completed', 'rejected')`.execute(db);
  const row = result.rows[0]!;
  return { dueThisWeek: Number(row.dueThisWeek), overdue: Number(row.overdue), extended: Number(row.extended), onHold: Number(row.onHold) };
}

/** Staff emails by id: the labels of who recorded, verified, extended and held requests. */
export async function findStaffLabels(db: DbOrTrx, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('ops.staff').select(['id', 'email']).where('id', 'in', wanted).execute();
  return new Map(rows.map((row) => [row.id, row.email]));
}
