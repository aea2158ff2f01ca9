import { ZBackupVerifyLatestParamsSchema, type TBackupVerifyLatestParams } from '@opsdesk/shared';
import { defineRunbookAction, type RunbookFact, type RunbookTable } from '../runbookAction.js';
import { compareKeyTables } from './backup.compare.js';
import { appDatabaseConnectionString } from './backup.database.js';
import { formatBytes, listBackups, type BackupFile } from './backup.files.js';
import { BACKUP_KEY_TABLES } from './backup.keyTables.js';
import { findToolVersion, pgTarget, runTool, toolMismatch } from './backup.pgTools.js';
import { findScratchDatabases, findServerFacts } from './backup.queries.js';
import { dropLeftoverScratchDatabases, withScratchDatabase } from './backup.scratch.js';
import { BACKUP_RUNBOOK_ENTRY, BACKUP_TARGET } from './backup.take.js';

const LISTED_BACKUPS = 20;

function backupsTable(directory: string, backups: BackupFile[]): RunbookTable {
  return {
    title: `Backups in ${directory}, newest first`,
    columns: [
      { key: 'file', label: 'File', kind: 'code' },
      { key: 'takenAt', label: 'Taken', kind: 'datetime' },
      { key: 'size', label: 'Size' },
    ],
    rows: backups.slice(0, LISTED_BACKUPS).map((backup, index) => ({
      file: backup.name,
      takenAt: backup.takenAt.toISOString(),
      size: formatBytes(backup.sizeBytes),
      highlight: index === 0 ? 'act' : null,
    })),
    empty: 'No backups yet.',
    omitted: Math.max(0, backups.length - LISTED_BACKUPS),
  };
}

/**
 * `backup.verifyLatest`: restores the newest dump into a scratch database on the same
 * server, compares the key tables with the live database, and always drops the scratch
 * database. A backup is only as good as its last successful restore.
 */
export const verifyLatestBackupAction = defineRunbookAction<TBackupVerifyLatestParams>({
  name: 'backup.verifyLatest',
  title: 'Verify the latest backup restores',
  summary: 'Restores the newest backup into a scratch database and compares its key tables with the live ones; run it daily, and after every backup that matters.',
  runbookEntry: BACKUP_RUNBOOK_ENTRY,
  permission: 'runbooks.run',
  risk: 'low',
  params: ZBackupVerifyLatestParamsSchema,
  target: () => BACKUP_TARGET,
  timeoutMs: 60 * 60_000,

  async plan({ deps }) {
    const directory = deps.config.backupDir;
    const backups = await listBackups(directory);
    const newest = backups[0];
    const tables = [backupsTable(directory, backups)];
    if (!newest) {
      return {
        summary: `No backup in ${directory}: take one first ("Take a backup now").`,
        facts: [{ label: 'Backup directory', value: directory, kind: 'code' }],
        tables,
        steps: [],
        state: { directory, file: null },
        empty: true,
      };
    }
    const [server, pgRestore] = await Promise.all([findServerFacts(deps.db), findToolVersion('pg_restore')]);
    const problem = toolMismatch(pgRestore, server.major);
    const leftovers = await findScratchDatabases(deps.db, server.database);
    const facts: RunbookFact[] = [
      { label: 'Newest backup', value: newest.name, kind: 'code' },
      { label: 'Size', value: formatBytes(newest.sizeBytes) },
      { label: 'Taken at', value: newest.takenAt.toISOString(), kind: 'datetime' },
      { label: 'Age', value: Date.now() - newest.takenAt.getTime(), kind: 'ms' },
      { label: 'pg_restore', value: pgRestore.version ?? 'not on PATH', status: problem ? 'fail' : 'ok' },
      { label: 'Leftover scratch databases', value: leftovers.length ? leftovers.join(', ') : 'none', status: leftovers.length ? 'warn' : null },
    ];
    // The file's name and size: a newer backup, or this one rewritten, makes the plan stale.
    const state = { directory, file: newest.name, sizeBytes: newest.sizeBytes, pgRestoreMajor: pgRestore.major };
    if (problem) return { summary: `Cannot verify ${newest.name}: ${problem}`, facts, tables, steps: [], state, empty: true };
    return {
      summary: `Restore ${newest.name} (${formatBytes(newest.sizeBytes)}) into a scratch database and compare it with ${server.database}`,
      facts,
      tables,
      steps: [
        ...leftovers.map((name) => `Drop the leftover scratch database ${name} (a run stopped before its clean-up)`),
        `Create a scratch database opsdesk_verify_<random> on the live server (PostgreSQL ${server.version})`,
        `Restore ${newest.name} into it: pg_restore --no-owner --no-privileges --exit-on-error`,
        `Compare the row counts of ${BACKUP_KEY_TABLES.length} key tables with ${server.database}, and find the newest row (the recovery point)`,
        'Drop the scratch database, whether the restore worked or not',
      ],
      state,
    };
  },

  async execute(ctx) {
    const { deps } = ctx;
    const newest = (await listBackups(deps.config.backupDir))[0];
    if (!newest) throw new Error(`No backup in ${deps.config.backupDir}: take one first`);
    const [server, pgRestore] = await Promise.all([findServerFacts(deps.db), findToolVersion('pg_restore')]);
    const problem = toolMismatch(pgRestore, server.major);
    if (problem) throw new Error(problem);
    const liveUrl = appDatabaseConnectionString(deps.db);
    await dropLeftoverScratchDatabases(deps.db, server.database, (line) => ctx.log(line, 'warn'));

    const live = { connectionString: liveUrl, database: server.database };
    return withScratchDatabase(deps.db, live, (line, level) => ctx.log(line, level), async (scratch) => {
      const target = pgTarget(scratch.connectionString);
      await ctx.log(`pg_restore ${pgRestore.version}: restoring ${newest.name} (${formatBytes(newest.sizeBytes)}) into ${target.display}`);
      const errors: string[] = [];
      const restoreStarted = performance.now();
      const exitCode = await runTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${target.dbnameArgument}`, newest.path], {
        target,
        signal: ctx.signal,
        onLine: async (line) => {
          errors.push(line);
          await ctx.log(line, /\berror:/i.test(line) ? 'error' : 'warn');
        },
      });
      const restoreMs = Math.round(performance.now() - restoreStarted);
      if (exitCode !== 0) {
        const reason = errors.find((line) => /\berror:/i.test(line)) ?? errors[0] ?? 'see the run log';
        throw new Error(`Backup ${newest.name} does not restore (pg_restore exit code ${exitCode}): ${reason}`);
      }
      await ctx.log(`Restored in ${(restoreMs / 1000).toFixed(1)} s; comparing key tables with ${server.database}`);
      const comparison = await compareKeyTables(deps.db, scratch.db());
      for (const row of comparison.table.rows) {
        await ctx.log(`${row.table}: ${row.liveRows} live, ${row.restoredRows ?? 'missing'} restored, newest ${row.newestInBackup ?? '-'}`, row.highlight ? 'error' : 'info');
      }
      if (comparison.problems.length) throw new Error(`Backup ${newest.name} restored but does not match the live database: ${comparison.problems.join('; ')}`);
      const ageMs = Date.now() - newest.takenAt.getTime();
      return {
        summary: `Backup ${newest.name} restores: ${comparison.table.rows.length} key tables checked, restored in ${(restoreMs / 1000).toFixed(1)} s`,
        facts: [
          { label: 'Verdict', value: 'Restored OK', status: 'ok' },
          { label: 'Backup', value: newest.name, kind: 'code' },
          { label: 'Backup age', value: ageMs, kind: 'ms' },
          { label: 'Recovery point', value: comparison.recoveryPoint?.toISOString() ?? null, kind: 'datetime' },
          { label: 'Restore duration', value: restoreMs, kind: 'ms' },
          { label: 'Scratch database', value: `${scratch.name} (dropped)` },
        ],
        tables: [comparison.table],
      };
    });
  },
});
