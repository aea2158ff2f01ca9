import { chmod, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { ZBackupTakeParamsSchema, type TBackupTakeParams } from '@opsdesk/shared';
import { defineRunbookAction, type RunbookFact } from '../runbookAction.js';
import { appDatabaseConnectionString } from './backup.database.js';
import { backupFileName, formatBytes, listBackups, partialFileName } from './backup.files.js';
import { findToolVersion, pgTarget, runTool, toolMismatch } from './backup.pgTools.js';
import { countTablesWithData, findServerFacts } from './backup.queries.js';

export const BACKUP_TARGET = 'backup';
export const BACKUP_RUNBOOK_ENTRY = 'backups-take-one-verify-the-latest-restores';

/**
 * `backup.take`: a pg_dump (custom format) of Opsdesk's database into BACKUP_DIR. The
 * dump is written under a hidden temporary name and renamed once pg_dump has finished
 * (and synced it), so a half-written file never looks like a backup.
 */
export const takeBackupAction = defineRunbookAction<TBackupTakeParams>({
  name: 'backup.take',
  title: 'Take a backup now',
  summary: 'Dumps the database with pg_dump into BACKUP_DIR: before a risky change, or when the newest backup is too old.',
  runbookEntry: BACKUP_RUNBOOK_ENTRY,
  permission: 'runbooks.run',
  risk: 'low',
  params: ZBackupTakeParamsSchema,
  target: () => BACKUP_TARGET,
  timeoutMs: 60 * 60_000,

  async plan({ deps }) {
    const directory = deps.config.backupDir;
    const [server, pgDump, backups] = await Promise.all([findServerFacts(deps.db), findToolVersion('pg_dump'), listBackups(directory)]);
    const problem = toolMismatch(pgDump, server.major);
    const facts: RunbookFact[] = [
      { label: 'Database', value: `${server.database} (PostgreSQL ${server.version})` },
      { label: 'Database size', value: formatBytes(server.sizeBytes) },
      { label: 'pg_dump', value: pgDump.version ?? 'not on PATH', status: problem ? 'fail' : 'ok' },
      { label: 'Backup directory', value: directory, kind: 'code' },
      { label: 'Newest backup', value: backups[0]?.takenAt.toISOString() ?? 'none yet', kind: backups[0] ? 'datetime' : 'text' },
    ];
    const state = { database: server.database, directory, serverMajor: server.major, pgDumpMajor: pgDump.major };
    if (problem) return { summary: `Cannot take a backup: ${problem}`, facts, steps: [], state, empty: true };
    return {
      summary: `Take a backup of ${server.database} (${formatBytes(server.sizeBytes)}) into ${directory}`,
      facts,
      steps: [`Run pg_dump ${pgDump.version} --format=custom of ${server.database} into ${path.join(directory, 'opsdesk-<UTC time>.dump')}, renamed into place only when complete`],
      state,
    };
  },

  async execute(ctx) {
    const { deps } = ctx;
    const directory = deps.config.backupDir;
    const [server, pgDump] = await Promise.all([findServerFacts(deps.db), findToolVersion('pg_dump')]);
    const problem = toolMismatch(pgDump, server.major);
    if (problem) throw new Error(problem);
    // Dumps hold password hashes and customer data: only the server's user may read them.
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const startedAt = new Date();
    const name = backupFileName(startedAt);
    const finalPath = path.join(directory, name);
    const partialPath = path.join(directory, partialFileName(name));
    const target = pgTarget(appDatabaseConnectionString(deps.db));
    const tables = await countTablesWithData(deps.db);
    await ctx.log(`pg_dump ${pgDump.version}: dumping ${target.display} into ${finalPath}`);
    let tablesDumped = 0;
    const errors: string[] = [];
    try {
      const exitCode = await runTool('pg_dump', ['--format=custom', '--verbose', `--file=${partialPath}`, `--dbname=${target.dbnameArgument}`], {
        target,
        signal: ctx.signal,
        onLine: async (line) => {
          const level = /\berror:/i.test(line) ? 'error' : /\bwarning:/i.test(line) ? 'warn' : 'info';
          if (level === 'error') errors.push(line);
          await ctx.log(line, level);
          if (/dumping contents of table/.test(line)) await ctx.progress(Math.min(++tablesDumped, tables), tables);
        },
      });
      if (exitCode !== 0) throw new Error(`pg_dump failed (exit code ${exitCode}): ${errors[0] ?? 'see the run log'}`);
      await chmod(partialPath, 0o600);
      await rename(partialPath, finalPath);
    } finally {
      await rm(partialPath, { force: true });
    }
    const { size } = await stat(finalPath);
    const durationMs = Date.now() - startedAt.getTime();
    await ctx.log(`Backup ${name} complete: ${formatBytes(size)} in ${(durationMs / 1000).toFixed(1)} s`);
    return {
      summary: `Backup ${name} taken: ${formatBytes(size)} in ${(durationMs / 1000).toFixed(1)} s`,
      facts: [
        { label: 'File', value: finalPath, kind: 'code' },
        { label: 'Size', value: formatBytes(size) },
        { label: 'Size in bytes', value: size, kind: 'number' },
        { label: 'Duration', value: durationMs, kind: 'ms' },
        { label: 'Database', value: `${server.database} (PostgreSQL ${server.version})` },
        { label: 'pg_dump', value: pgDump.version },
      ],
    };
  },
});
