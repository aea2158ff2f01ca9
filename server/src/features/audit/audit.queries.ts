import { sql } from 'kysely';
import type { TAuditEntry, TFindAuditRequest } from '@opsdesk/shared';
import type { DbOrTrx, Trx } from '../../db/database.js';
import { containsPattern, escapeLike } from '../../db/likePattern.js';
import type { AuditLogTable } from '../../db/schema.js';
import { redactSecrets } from './audit.redact.js';
import { erasedPersonalFields, sealPersonalFields, type PersonalFields } from './auditEnvelope.js';
import { openAuditRows, type OpenedAuditRow } from './auditOpen.js';
import { obtainAuditSubjectKey } from './auditSubjectKeys.queries.js';
import { auditSubjectOfTarget } from './auditSubjects.js';
import { insertAuditSeal } from './audit.seals.queries.js';
import type { Selectable } from 'kysely';

export interface AuditEntryInput {
  /** Staff member who acted; `id: null` for the bootstrap CLI, null for the system. */
  actor: { id: string | null; email: string; roles: readonly string[] } | null;
  action: string;
  target?: { type: string; id: string } | null;
  /**
   * The data subject the row is about, whose personal values are sealed under their key
   * (auditSubjects.ts): 'customer:cus_…', 'user:<uuid>', 'privacy_request:<uuid>'.
   * Omitted: derived from the target; null: none (a plain row).
   */
  subject?: string | null;
  reason?: string | null;
  input?: unknown;
  before?: unknown;
  after?: unknown;
  result: 'success' | 'failure' | 'denied' | 'attempted';
  error?: string | null;
  request: { requestId: string; ip: string | null; userAgent: string | null };
}

const toJson = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
const redacted = (value: unknown) => (value === undefined ? undefined : redactSecrets(value));

/**
 * The personal columns as stored: sealed under the subject's key (one statement: the key's
 * upsert and read), or, for an erased subject, a plain row whose values say so — an
 * erased subject's key is never made again.
 */
async function personalColumns(trx: Trx, entry: AuditEntryInput) {
  const fields: PersonalFields = { input: redacted(entry.input), before: redacted(entry.before), after: redacted(entry.after), reason: entry.reason ?? null, error: entry.error ?? null };
  const subject = entry.subject === undefined ? auditSubjectOfTarget(entry.target) : entry.subject;
  if (subject === null) return { ...fields, input: toJson(fields.input), before: toJson(fields.before), after: toJson(fields.after) };
  const key = await obtainAuditSubjectKey(trx, subject);
  if (!key) {
    const erased = erasedPersonalFields(fields);
    return { ...erased, input: toJson(erased.input), before: toJson(erased.before), after: toJson(erased.after) };
  }
  return { input: JSON.stringify(sealPersonalFields(key, subject, fields)), before: null, after: null, reason: null, error: null };
}

/**
 * Appends one row. Call it with the mutation's transaction so the row commits or rolls
 * back with the change; the database trigger assigns the id and the hash chain, and the
 * row is sealed (audit.keyring.ts) in the same transaction — its own when given a
 * plain connection pool, since a row without its seal reads as tampering.
 */
export async function insertAuditEntry(db: DbOrTrx, entry: AuditEntryInput): Promise<string> {
  if (!db.isTransaction) return db.transaction().execute((trx) => insertAuditEntry(trx, entry));
  const personal = await personalColumns(db as Trx, entry);
  const row = await db
    .insertInto('ops.auditLog')
    .values({
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      actorRoles: [...(entry.actor?.roles ?? [])],
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      ...personal,
      result: entry.result,
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
  if (filter.actor) query = query.where((eb) => eb.or([eb('actorEmail', 'ilike', containsPattern(filter.actor!)), eb(sql<string>`actor_id::text`, '=', filter.actor!)]));
  if (filter.action) query = query.where('action', 'like', `${escapeLike(filter.action)}%`);
  if (filter.targetType) query = query.where('targetType', '=', filter.targetType);
  if (filter.targetId) query = query.where('targetId', '=', filter.targetId);
  if (filter.result) query = query.where('result', '=', filter.result);
  if (filter.from) query = query.where('occurredAt', '>=', new Date(filter.from) as never);
  if (filter.to) query = query.where('occurredAt', '<', new Date(filter.to) as never);
  if (filter.q) {
    // Reasons sealed under a subject's key are not searchable (docs/gdpr.md "The audit log").
    const pattern = containsPattern(filter.q);
    query = query.where((eb) =>
      eb.or([eb('action', 'ilike', pattern), eb('targetId', 'ilike', pattern), eb('actorEmail', 'ilike', pattern), eb('reason', 'ilike', pattern)]),
    );
  }
  const rows = await query.orderBy('id', 'desc').limit(filter.limit + 1).execute();
  const page = rows.slice(0, filter.limit);
  return { entries: (await openAuditRows(db, page)).map(toAuditEntry), nextCursor: rows.length > filter.limit ? page.at(-1)!.id : null };
}

export async function findAuditEntryById(db: DbOrTrx, id: string): Promise<TAuditEntry | undefined> {
  const row = await db.selectFrom('ops.auditLog').selectAll().where('id', '=', id as never).executeTakeFirst();
  return row && toAuditEntry((await openAuditRows(db, [row]))[0]!);
}

function toAuditEntry(row: OpenedAuditRow<Selectable<AuditLogTable>>): TAuditEntry {
  return { ...row, occurredAt: row.occurredAt.toISOString() };
}

/** Every row recorded under one action, oldest first, whole and opened (tests and tools read them). */
export async function findAuditRowsByAction(db: DbOrTrx, action: string) {
  return openAuditRows(db, await db.selectFrom('ops.auditLog').selectAll().where('action', '=', action).orderBy('id').execute());
}
