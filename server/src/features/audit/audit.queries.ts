import { sql } from 'kysely';
import type { TAuditEntry, TFindAuditRequest } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import type { AuditLogTable } from '../../db/schema.js';
import { redactSecrets } from './audit.redact.js';
import { insertAuditSeal } from './audit.seals.queries.js';
import type { Selectable } from 'kysely';

export interface AuditEntryInput {
  /** Staff member who acted; `id: null` for the bootstrap CLI, null for the system. */
  actor: { id: string | null; email: string; roles: readonly string[] } | null;
  action: string;
  target?: { type: string; id: string } | null;
  reason?: string | null;
  input?: unknown;
  before?: unknown;
  after?: unknown;
  result: 'success' | 'failure' | 'denied' | 'attempted';
  error?: string | null;
  request: { requestId: string; ip: string | null; userAgent: string | null };
}

const toJson = (value: unknown) => (value === undefined ? null : JSON.stringify(redactSecrets(value)));

/**
 * Appends one row. Call it with the mutation's transaction so the row commits or rolls
 * back with the change; the database trigger assigns the id and the hash chain, and the
 * row is sealed (audit.keyring.ts) in the same transaction — its own when given a
 * plain connection pool, since a row without its seal reads as tampering.
 */
export async function insertAuditEntry(db: DbOrTrx, entry: AuditEntryInput): Promise<string> {
  if (!db.isTransaction) return db.transaction().execute((trx) => insertAuditEntry(trx, entry));
  const row = await db
    .insertInto('ops.auditLog')
    .values({
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      actorRoles: [...(entry.actor?.roles ?? [])],
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      reason: entry.reason ?? null,
      input: toJson(entry.input),
      before: toJson(entry.before),
      after: toJson(entry.after),
      result: entry.result,
      error: entry.error ?? null,
      requestId: entry.request.requestId,
      ip: entry.request.ip,
      userAgent: entry.request.userAgent,
    })
    .returning(['id', 'hash'])
    .executeTakeFirstOrThrow();
  await insertAuditSeal(db, row);
  return row.id;
}

/** Newest first, keyset-paginated on id (ids follow commit order, see the chain trigger). */
export async function findAuditEntries(db: DbOrTrx, filter: TFindAuditRequest): Promise<{ entries: TAuditEntry[]; nextCursor: string | null }> {
  let query = db.selectFrom('ops.auditLog').selectAll();
  if (filter.cursor) query = query.where('id', '<', filter.cursor as never);
  if (filter.actor) query = query.where((eb) => eb.or([eb('actorEmail', 'ilike', `%${escapeLike(filter.actor!)}%`), eb(sql<string>`actor_id::text`, '=', filter.actor!)]));
  if (filter.action) query = query.where('action', 'like', `${escapeLike(filter.action)}%`);
  if (filter.targetType) query = query.where('targetType', '=', filter.targetType);
  if (filter.targetId) query = query.where('targetId', '=', filter.targetId);
  if (filter.result) query = query.where('result', '=', filter.result);
  if (filter.from) query = query.where('occurredAt', '>=', new Date(filter.from) as never);
  if (filter.to) query = query.where('occurredAt', '<', new Date(filter.to) as never);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) =>
      eb.or([eb('action', 'ilike', pattern), eb('targetId', 'ilike', pattern), eb('actorEmail', 'ilike', pattern), eb('reason', 'ilike', pattern)]),
    );
  }
  const rows = await query.orderBy('id', 'desc').limit(filter.limit + 1).execute();
  const page = rows.slice(0, filter.limit);
  return { entries: page.map(toAuditEntry), nextCursor: rows.length > filter.limit ? page.at(-1)!.id : null };
}

export async function findAuditEntryById(db: DbOrTrx, id: string): Promise<TAuditEntry | undefined> {
  const row = await db.selectFrom('ops.auditLog').selectAll().where('id', '=', id as never).executeTakeFirst();
  return row && toAuditEntry(row);
}

function toAuditEntry(row: Selectable<AuditLogTable>): TAuditEntry {
  return { ...row, occurredAt: row.occurredAt.toISOString() };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Every row recorded under one action, oldest first, as stored (tests and tools read them whole). */
export function findAuditRowsByAction(db: DbOrTrx, action: string) {
  return db.selectFrom('ops.auditLog').selectAll().where('action', '=', action).orderBy('id').execute();
}
