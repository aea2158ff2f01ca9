import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { recordedRun, runbookContext } from '../testing/runbookTestKit.js';
import { backupFileName } from './backup.files.js';
import { findToolVersion, toolMismatch } from './backup.pgTools.js';
import { createScratchDatabase, dropScratchDatabase, findScratchDatabases, findServerFacts } from './backup.queries.js';
import { takeBackupAction } from './backup.take.js';
import { verifyLatestBackupAction } from './backup.verifyLatest.js';

/**
 * Real pg_dump and pg_restore against the test PostgreSQL. The client tools must be of a
 * major at least the server's; where they are older (Debian 12's client 15 against the
 * embedded server 18), the actions must refuse plainly instead, and that is what is checked.
 */
// Each test creates and drops databases and runs real pg_dump/pg_restore: slow on a busy machine, never stuck.
describe('backup actions', { timeout: 120_000 }, () => {
  let app: TestApp;
  let backupDir: string;
  let toolsProblem: string | null;

  beforeAll(async () => {
    backupDir = mkdtempSync(path.join(tmpdir(), 'opsdesk-backups-'));
    app = await createTestApp({ BACKUP_DIR: backupDir });
    const server = await findServerFacts(app.db);
    toolsProblem = toolMismatch(await findToolVersion('pg_dump'), server.major) ?? toolMismatch(await findToolVersion('pg_restore'), server.major);
    for (let i = 0; i < 3; i += 1) await app.createStaff(['support']);
    // A mirrored customer and its webhook events, through the emulator and the app's own endpoint.
    await app.listen();
    await app.deps.stripe.customers.create({ email: 'backed-up@example.test', name: 'Backed Up' });
    await app.billing.emulator!.webhooksIdle();
  });

  afterAll(async () => {
    const leaked = await findScratchDatabases(app.db);
    await app.close();
    rmSync(backupDir, { recursive: true, force: true });
    expect(leaked).toEqual([]);
  });

  beforeEach(() => {
    for (const name of readdirSync(backupDir)) rmSync(path.join(backupDir, name), { force: true });
  });

  const dumpsInDir = () => readdirSync(backupDir).filter((name) => name.endsWith('.dump'));

  async function takeBackup() {
    const plan = await takeBackupAction.plan(runbookContext(app.deps), {});
    const run = recordedRun(app.deps);
    const result = await takeBackupAction.execute(run, {}, plan);
    return { plan, run, result };
  }

  async function verifyLatest() {
    const plan = await verifyLatestBackupAction.plan(runbookContext(app.deps), {});
    const run = recordedRun(app.deps);
    const outcome = await verifyLatestBackupAction.execute(run, {}, plan).then(
      (result) => ({ result, error: null }),
      (error: Error) => ({ result: null, error }),
    );
    const scratch = run.lines.map(({ line }) => /Created scratch database (opsdesk_verify_\w+)/.exec(line)?.[1]).find(Boolean) ?? null;
    return { plan, run, scratch, ...outcome };
  }

  async function databaseExists(name: string) {
    const { rows } = await app.database.superuserQuery('select 1 from pg_database where datname = $1', [name]);
    return rows.length > 0;
  }

  it('has nothing to verify when BACKUP_DIR holds no dump', async () => {
    const plan = await verifyLatestBackupAction.plan(runbookContext(app.deps), {});
    expect(plan).toMatchObject({ empty: true, steps: [], summary: expect.stringMatching(/^No backup in .*take one first/) });
    expect(plan.tables?.[0]?.rows).toEqual([]);
  });

  it('takes a custom-format dump into BACKUP_DIR, streaming pg_dump’s output (or refuses plainly when pg_dump is older than the server)', async () => {
    if (toolsProblem) {
      const plan = await takeBackupAction.plan(runbookContext(app.deps), {});
      expect(plan).toMatchObject({ empty: true, summary: expect.stringContaining('older than the database server') });
      expect(plan.facts?.find((fact) => fact.label === 'pg_dump')?.status).toBe('fail');
      await expect(takeBackupAction.execute(recordedRun(app.deps), {}, plan)).rejects.toThrow(/pg_dump .* is older than the database server \(PostgreSQL \d+\): install/);
      expect(dumpsInDir()).toEqual([]);
      return;
    }
    const { plan, run, result } = await takeBackup();
    expect(plan.empty).toBeFalsy();
    const files = readdirSync(backupDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^opsdesk-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z\.dump$/);
    const dump = readFileSync(path.join(backupDir, files[0]!));
    expect(dump.subarray(0, 5).toString()).toBe('PGDMP');
    expect(result.facts?.find((fact) => fact.label === 'Size in bytes')?.value).toBe(dump.length);
    expect(run.lines.some(({ line }) => line.includes('dumping contents of table "ops.staff"'))).toBe(true);
    expect(run.progressSeen.at(-1)?.done).toBeGreaterThan(0);
  });

  it('leaves no file behind when a backup is cancelled while pg_dump runs', async () => {
    const plan = await takeBackupAction.plan(runbookContext(app.deps), {});
    const cancel = new AbortController();
    const run = recordedRun(app.deps, { signal: cancel.signal });
    const record = run.log;
    // Cancelled on pg_dump's first line of output: the process is running, the file half-written.
    run.log = async (line, level) => {
      if (line.startsWith('pg_dump:')) cancel.abort();
      return record(line, level);
    };
    await expect(takeBackupAction.execute(run, {}, plan)).rejects.toThrow(toolsProblem ? /older than the database server/ : /pg_dump was stopped: the run was cancelled/);
    expect(readdirSync(backupDir)).toEqual([]);
  });

  it('restores the newest dump into a scratch database, with every key table as in the live database, and drops it', async () => {
    if (toolsProblem) {
      writeFileSync(path.join(backupDir, backupFileName(new Date())), 'PGDMP');
      const { plan, error, scratch } = await verifyLatest();
      expect(plan).toMatchObject({ empty: true, summary: expect.stringContaining('older than the database server') });
      expect(error?.message).toMatch(/pg_restore .* is older than the database server/);
      expect(scratch).toBeNull();
      return;
    }
    await takeBackup();
    const { plan, run, result, error, scratch } = await verifyLatest();
    expect(error).toBeNull();
    expect(plan.steps).toHaveLength(4);
    expect(plan.facts?.find((fact) => fact.label === 'Newest backup')?.value).toBe(dumpsInDir()[0]);
    expect(result?.facts?.find((fact) => fact.label === 'Verdict')).toMatchObject({ value: 'Restored OK', status: 'ok' });
    const rows = result!.tables![0]!.rows;
    expect(rows.map((row) => row.table)).toContain('ops.staff');
    for (const row of rows) expect(row.restoredRows, String(row.table)).toBe(row.liveRows);
    const staff = rows.find((row) => row.table === 'ops.staff')!;
    expect(staff.restoredRows).toBeGreaterThanOrEqual(3);
    expect(staff.newestInBackup).not.toBeNull();
    expect(rows.find((row) => row.table === 'billing.customers')?.restoredRows).toBe(1);
    expect(rows.find((row) => row.table === 'ops.stripe_events')?.restoredRows).toBeGreaterThanOrEqual(1);
    expect(result?.facts?.find((fact) => fact.label === 'Recovery point')?.value).not.toBeNull();
    expect(scratch).not.toBeNull();
    expect(await databaseExists(scratch!)).toBe(false);
    expect(run.lines.at(-1)?.line).toBe(`Dropped scratch database ${scratch}`);
  });

  it.each([
    ['a dump cut to its first half', 0.5],
    ['a dump cut after its header', 0.02],
  ])('fails on %s, saying pg_restore’s error, and drops the scratch database', async (_label, keep) => {
    if (toolsProblem) {
      writeFileSync(path.join(backupDir, backupFileName(new Date())), 'PGDMP');
      await expect(verifyLatestBackupAction.execute(recordedRun(app.deps), {}, await verifyLatestBackupAction.plan(runbookContext(app.deps), {}))).rejects.toThrow(/older than the database server/);
      return;
    }
    await takeBackup();
    const [whole] = dumpsInDir();
    const bytes = readFileSync(path.join(backupDir, whole!));
    // Named a second later, so it is the newest: the one a restore would pick.
    const truncated = backupFileName(new Date(Date.now() + 1_000));
    writeFileSync(path.join(backupDir, truncated), bytes.subarray(0, Math.floor(bytes.length * keep)));
    const { plan, error, scratch } = await verifyLatest();
    expect(plan.facts?.find((fact) => fact.label === 'Newest backup')?.value).toBe(truncated);
    expect(error?.message).toMatch(new RegExp(`^Backup ${truncated.replaceAll('.', '\\.')} does not restore \\(pg_restore exit code 1\\): pg_restore: error: `));
    expect(scratch).not.toBeNull();
    expect(await databaseExists(scratch!)).toBe(false);
  });

  it('drops the scratch database a killed run left behind, and only this installation’s', async () => {
    const server = await findServerFacts(app.db);
    const leftover = 'opsdesk_verify_00000000dead';
    const anothers = 'opsdesk_verify_00000000beef';
    await createScratchDatabase(app.db, leftover, server.database);
    await createScratchDatabase(app.db, anothers, 'another_opsdesk');
    try {
      if (toolsProblem) writeFileSync(path.join(backupDir, backupFileName(new Date())), 'PGDMP');
      else await takeBackup();
      const { plan, run, error } = await verifyLatest();
      expect(plan.facts?.find((fact) => fact.label === 'Leftover scratch databases')).toMatchObject({ value: leftover, status: 'warn' });
      if (toolsProblem) {
        expect(error?.message).toMatch(/older than the database server/);
        return;
      }
      expect(error).toBeNull();
      expect(plan.steps[0]).toBe(`Drop the leftover scratch database ${leftover} (a run stopped before its clean-up)`);
      expect(run.lines[0]).toMatchObject({ line: expect.stringContaining(`Dropped leftover scratch database ${leftover}`), level: 'warn' });
      expect(await databaseExists(leftover)).toBe(false);
      expect(await databaseExists(anothers)).toBe(true);
    } finally {
      await dropScratchDatabase(app.db, leftover);
      await dropScratchDatabase(app.db, anothers);
    }
  });

  it('fails when the backup holds rows the live database no longer has', async () => {
    if (toolsProblem) {
      const plan = await takeBackupAction.plan(runbookContext(app.deps), {});
      expect(plan.empty).toBe(true);
      return;
    }
    const extra = await app.createStaff(['support']);
    await takeBackup();
    await app.database.superuserQuery('delete from ops.staff where id = $1', [extra.id]);
    const { error, scratch } = await verifyLatest();
    expect(error?.message).toMatch(/restored but does not match the live database: ops\.staff has (\d+) rows in the backup but \d+ live/);
    expect(await databaseExists(scratch!)).toBe(false);
  });
});
