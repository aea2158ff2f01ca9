import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { readAuditAnchors, type AuditAnchor } from './audit.anchor.js';
import { auditKeyring, checkSeal, type AuditKeyring } from './audit.keyring.js';
import { checkSealedRowRecord } from './auditSealedRows.js';

export type ChainVerdict =
  | { ok: true; rowsChecked: number; anchorsChecked: number }
  | { ok: false; rowsChecked: number; anchorsChecked: number; brokenAtId: string; problem: string };

export interface VerifyOptions {
  /** Anchors published outside the database (audit.anchor.ts); every one must match the log. */
  anchorFile?: string;
  /** Keys accepted for seals; the process's keyring by default. */
  keyring?: AuditKeyring;
}

const BATCH = 5000;

/**
 * Walks the audit log in id order, recomputing each row's hash in PostgreSQL (the same
 * function the insert trigger uses; a legacy row sealed in place instead matches its
 * HMAC-vouched record in ops.audit_sealed_rows), checking each row points at its predecessor and
 * carries a seal from a known key (which the database cannot forge), and that each
 * anchor's row has the anchored hash. Reports the first broken row. Also checks the
 * chain head and the newest anchor, so rows cut off the end of the log are noticed.
 */
export async function verifyAuditChain(db: Db, options: VerifyOptions = {}): Promise<ChainVerdict> {
  const keyring = options.keyring ?? auditKeyring();
  let rowsChecked = 0;
  let anchorsChecked = 0;
  const broken = (brokenAtId: string, problem: string): ChainVerdict => ({ ok: false, rowsChecked, anchorsChecked, brokenAtId, problem });

  const pinned = new Map<string, AuditAnchor[]>();
  for (const { line, anchor } of options.anchorFile ? await readAuditAnchors(options.anchorFile) : []) {
    if (!anchor) return broken('0', `line ${line} of the anchor file is not an anchor: the file was edited`);
    if (checkSeal({ keyId: anchor.keyId, mac: anchor.seal }, anchor.lastId, anchor.lastHash, keyring) !== 'valid') {
      return broken(anchor.lastId, `the anchor on line ${line} of the anchor file is not sealed by a known key: the file was edited`);
    }
    pinned.set(anchor.lastId, [...(pinned.get(anchor.lastId) ?? []), anchor]);
  }

  let previousHash: string | null = null;
  let lastId = '0';
  for (;;) {
    const { rows } = await sql<{
      id: string; hash: string; prevHash: string | null; expectedHash: string; keyId: string | null; mac: string | null;
      contentHash: string | null; recordKeyId: string | null; recordMac: string | null;
    }>`
      select a.id, a.hash, a.prev_hash, ops.audit_row_hash(a) as expected_hash, s.key_id, s.mac,
        c.content_hash, c.key_id as record_key_id, c.mac as record_mac
      from ops.audit_log a
      left join ops.audit_seals s on s.audit_id = a.id
      left join ops.audit_sealed_rows c on c.audit_id = a.id
      where a.id > ${lastId} order by a.id limit ${BATCH}`.execute(db);
    for (const row of rows) {
      if (row.prevHash !== previousHash) return broken(row.id, 'links to a different previous row: a row before it was removed or changed');
      if (row.hash !== row.expectedHash && !convertedLegitimately(row, keyring)) return broken(row.id, 'its content does not match its hash: the row was modified');
      const sealProblem = row.keyId === null || row.mac === null ? 'missing' : checkSeal({ keyId: row.keyId, mac: row.mac }, row.id, row.hash, keyring);
      if (sealProblem === 'missing') return broken(row.id, 'it has no seal: the row was not written by Opsdesk, or its seal was removed');
      if (sealProblem === 'unknown-key') return broken(row.id, `it is sealed with an unknown key "${row.keyId}": a forged seal, or a retired key missing from AUDIT_CHAIN_KEYS`);
      if (sealProblem === 'mismatch') return broken(row.id, 'its seal does not match its hash: the row was modified and the chain recomputed');
      for (const anchor of pinned.get(row.id) ?? []) {
        if (anchor.lastHash !== row.hash) return broken(row.id, `its hash differs from the anchor published at ${anchor.at}: the log was rewritten`);
        anchorsChecked += 1;
      }
      pinned.delete(row.id);
      previousHash = row.hash;
      lastId = row.id;
      rowsChecked += 1;
    }
    if (rows.length < BATCH) break;
  }

  const head = await sql<{ lastId: string | null; lastHash: string | null }>`select last_id, last_hash from ops.audit_chain_head`.execute(db);
  const { lastId: headId, lastHash } = head.rows[0] ?? { lastId: null, lastHash: null };
  if ((headId ?? '0') !== lastId || (lastHash ?? null) !== previousHash) {
    return broken(headId ?? '0', `the chain head expects row ${headId} but the log ends at row ${lastId}: rows were removed from the end`);
  }
  // Anchors whose rows were never reached: the log was cut short (or a row deleted).
  const missing = [...pinned.values()].flat().reduce<AuditAnchor | undefined>((newest, a) => (!newest || BigInt(a.lastId) > BigInt(newest.lastId) ? a : newest), undefined);
  if (missing) {
    return BigInt(missing.lastId) > BigInt(lastId)
      ? broken(missing.lastId, `the log ends at row ${lastId} but the anchor published at ${missing.at} shows row ${missing.lastId}: rows were removed from the end`)
      : broken(missing.lastId, `row ${missing.lastId}, pinned by the anchor published at ${missing.at}, is missing`);
  }
  return { ok: true, rowsChecked, anchorsChecked };
}

/**
 * A legacy row whose personal values were sealed in place (auditLegacy.ts) keeps its
 * original hash; it is intact only if its record vouches for exactly its content now.
 */
function convertedLegitimately(row: { id: string; hash: string; expectedHash: string; contentHash: string | null; recordKeyId: string | null; recordMac: string | null }, keyring: AuditKeyring): boolean {
  if (row.contentHash === null || row.recordKeyId === null || row.recordMac === null || row.contentHash !== row.expectedHash) return false;
  return checkSealedRowRecord({ contentHash: row.contentHash, keyId: row.recordKeyId, mac: row.recordMac }, row.id, row.hash, keyring) === 'valid';
}
