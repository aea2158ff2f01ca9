import type { Db } from '../../db/database.js';
import { readAuditAnchors } from './audit.anchor.js';
import { findAuditHashesAfter, hasAnyAuditRow, hasAnyAuditSeal, insertAuditSeals, lockAuditChainHead } from './audit.seals.queries.js';

const BATCH = 5000;

/**
 * The upgrade to sealed rows (migration 0007): while no row carries a seal yet, seal
 * every existing row once with the current key. Run at start by every process that
 * writes the log, before it writes. Caveat: this vouches for rows as they are now —
 * a row rewritten before the upgrade stays undetected. Once an anchor was published
 * the log has been sealed before, so seals gone missing mean tampering, not an
 * upgrade: then nothing is re-sealed and verification reports the gap.
 */
export async function sealLegacyAuditRows(db: Db, anchorFile: string, log: { info(message: string): void; warn(message: string): void }): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // Appends wait while this looks and seals.
    await lockAuditChainHead(trx);
    if (await hasAnyAuditSeal(trx)) return 0;
    if (!(await hasAnyAuditRow(trx))) return 0;
    if ((await readAuditAnchors(anchorFile)).length > 0) {
      log.warn(`The audit log has no seals, but ${anchorFile} shows it was sealed before: not re-sealing it (run npm run audit:verify)`);
      return 0;
    }
    let sealed = 0;
    let lastId = '0';
    for (;;) {
      const rows = await findAuditHashesAfter(trx, lastId, BATCH);
      if (rows.length === 0) break;
      await insertAuditSeals(trx, rows);
      sealed += rows.length;
      lastId = rows.at(-1)!.id;
    }
    log.info(`Sealed ${sealed} audit rows written before audit seals existed (up to row ${lastId}); they are vouched for as they are now`);
    return sealed;
  });
}
