import type { Db } from '../../../db/database.js';
import type { RunbookTable } from '../runbookAction.js';
import { BACKUP_KEY_TABLES } from './backup.keyTables.js';
import { findTableFacts } from './backup.queries.js';

export interface TableComparison {
  table: RunbookTable;
  /** Why the restored copy is not a good backup of the live database; empty when it is. */
  problems: string[];
  /** The newest key-table row in the restored copy: the latest moment the backup can bring back. */
  recoveryPoint: Date | null;
}

/**
 * Counts each key table in the live database and in the restored copy. A restored count
 * above the live one fails (rows vanished since the backup, or it is another database's
 * backup); below is expected, as live has grown since.
 */
export async function compareKeyTables(live: Db, restored: Db): Promise<TableComparison> {
  const rows: RunbookTable['rows'] = [];
  const problems: string[] = [];
  let recoveryPoint: Date | null = null;
  for (const { table, timestampColumn } of BACKUP_KEY_TABLES) {
    const liveFacts = await findTableFacts(live, table, timestampColumn);
    if (!liveFacts.exists) continue;
    const restoredFacts = await findTableFacts(restored, table, timestampColumn);
    let problem: string | null = null;
    if (!restoredFacts.exists) problem = `${table} is missing from the restored copy`;
    else if (restoredFacts.rows > liveFacts.rows) {
      problem = `${table} has ${restoredFacts.rows} rows in the backup but ${liveFacts.rows} live: rows were deleted since the backup, or it is another database's backup`;
    }
    if (problem) problems.push(problem);
    if (restoredFacts.newest && (!recoveryPoint || restoredFacts.newest > recoveryPoint)) recoveryPoint = restoredFacts.newest;
    rows.push({
      table,
      liveRows: liveFacts.rows,
      restoredRows: restoredFacts.exists ? restoredFacts.rows : null,
      newestInBackup: restoredFacts.newest?.toISOString() ?? null,
      check: problem ?? 'ok',
      highlight: problem ? 'danger' : null,
    });
  }
  return {
    table: {
      title: 'Key tables: live and restored',
      columns: [
        { key: 'table', label: 'Table', kind: 'code' },
        { key: 'liveRows', label: 'Live rows', kind: 'number' },
        { key: 'restoredRows', label: 'Restored rows', kind: 'number' },
        { key: 'newestInBackup', label: 'Newest in backup', kind: 'datetime' },
        { key: 'check', label: 'Check' },
      ],
      rows,
      empty: 'None of the key tables exists in the live database.',
    },
    problems,
    recoveryPoint,
  };
}
