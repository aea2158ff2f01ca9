import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Config } from '../config/config.js';
import type { Db, DbOrTrx } from '../db/database.js';
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
