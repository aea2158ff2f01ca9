import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import type { z } from 'zod';
import { loadConfig, type Config } from '../config/config.js';
import type { Db, DbOrTrx } from '../db/database.js';
import { openDatabase } from '../db/openDatabase.js';
import { configureAuditKeyring } from '../features/audit/audit.keyring.js';
import { insertAuditEntry, type AuditEntryInput } from '../features/audit/audit.queries.js';
import { sealLegacyAuditRows } from '../features/audit/audit.seals.js';

/**
 * The audit trail of operator commands (staff, stripe:backfill, stripe:replay, seed
 * --reset): no staff session, so the operating-system user is the actor and the command
 * the user agent. A command calls prepareCliAudit once, before it writes anything.
 */
export const cliActor = { id: null, email: `cli:${userInfo().username}`, roles: [] };

export function cliRequest(userAgent: string): AuditEntryInput['request'] {
  return { requestId: `cli-${randomBytes(4).toString('hex')}`, ip: null, userAgent };
}

/** Seals with this installation's keys (AUDIT_CHAIN_KEYS), and seals older rows as every writer must first. */
export async function prepareCliAudit(config: Config, db: Db): Promise<void> {
  configureAuditKeyring(config);
  await sealLegacyAuditRows(db, config.auditAnchorFile, console);
}

export function insertCliAuditEntry(db: DbOrTrx, userAgent: string, entry: Omit<AuditEntryInput, 'actor' | 'request'>): Promise<string> {
  return insertAuditEntry(db, { ...entry, actor: cliActor, request: cliRequest(userAgent) });
}

/** An operator's argument checked with the shared schema; the error names each field, for a terminal. */
export function parseCliInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(result.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; '));
  return result.data;
}

/**
 * Runs a command against the installation's database (DATABASE_URL, else the embedded
 * default), audit prepared first unless `audited: false` (reads that must print nothing but
 * their document), and closes it whatever happens.
 */
export async function withCliDatabase(work: (db: Db) => Promise<void>, options: { audited: boolean } = { audited: true }): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config, () => undefined);
  try {
    if (options.audited) await prepareCliAudit(config, database.db);
    await work(database.db);
  } finally {
    await database.close();
  }
}
