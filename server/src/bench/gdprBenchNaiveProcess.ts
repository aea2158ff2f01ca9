/**
 * The naive export (gdprBenchNaive.ts) in a process of its own, started by bench:gdpr, so
 * its memory is measured from a fresh heap as the real export's is, not on top of the
 * heap the real export left grown. Argv: database URL, subject JSON. Prints one JSON line.
 */
import { createDatabase } from '../db/database.js';
import type { ErasureSubject } from '../features/privacy/dataMap/subjectRows.queries.js';
import { measurePeakRss } from './gdprBenchMemory.js';
import { naiveExport } from './gdprBenchNaive.js';

const [databaseUrl, subjectJson] = process.argv.slice(2);
const db = createDatabase(databaseUrl!, { max: 2 });
try {
  const measured = await measurePeakRss(() => naiveExport(db, JSON.parse(subjectJson!) as ErasureSubject));
  console.log(JSON.stringify(measured));
} finally {
  await db.destroy();
}
