import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditRowsByAction } from '../features/audit/audit.queries.js';
import { insertStates, SCENARIO } from '../features/revenue/testing/revenueFixtures.js';
import { runCli } from '../testing/runCli.js';
import { createTestDatabase, type TestDatabase } from '../testing/testDatabase.js';

/** revenue:rebuild and revenue:report as an operator runs them: real processes on a real database. */
describe('revenue:rebuild and revenue:report', () => {
  let database: TestDatabase;
  const dir = mkdtempSync(path.join(tmpdir(), 'opsdesk-revenue-cli-'));
  const cli = (script: string, args: string[] = []) => runCli(script, args, { DATABASE_URL: database.url, AUDIT_ANCHOR_FILE: path.join(dir, 'anchors.jsonl') });
  beforeAll(async () => {
    database = await createTestDatabase();
    await insertStates(database.db, SCENARIO);
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds, audited, then reports the issue’s JSON shape', async () => {
    const rebuilt = await cli('revenueRebuild.cli.ts');
    expect(rebuilt).not.toHaveProperty('failed');
    expect(rebuilt.stdout).toMatch(/Revenue rebuilt \(all\) in [\d.]+ s: 8 customers\./);
    const [audited] = await findAuditRowsByAction(database.db, 'revenue.rebuilt');
    expect(audited).toMatchObject({ actorEmail: expect.stringMatching(/^cli:/), userAgent: 'opsdesk-revenue-rebuild-cli', result: 'success', after: { scope: 'all', customers: 8, resumed: false } });

    const { stdout } = await cli('revenueReport.cli.ts', ['--from', '2025-01', '--to', '2025-03']);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['policy', 'currency', 'periods']);
    expect(report.policy).toBe('stripe');
    expect(report.currency).toBe('usd');
    expect(report.periods.map((p: { period: string }) => p.period)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(Object.keys(report.periods[0])).toEqual(['period', 'mrr', 'customers', 'movements', 'netNew']);
    expect(Object.keys(report.periods[0].movements)).toEqual(['new', 'expansion', 'contraction', 'churn', 'reactivation']);
    // January: a 29.00 + b 29.00 + c 78.00 + d 49.00 + e 50.00 + f 19.00 (after its trial) = 254.00, six new customers.
    expect(report.periods[0]).toEqual({ period: '2025-01', mrr: 25400, customers: 6, movements: { new: 25400, expansion: 0, contraction: 0, churn: 0, reactivation: 0 }, netNew: 25400 });
    for (const p of report.periods) expect(p.netNew).toBe(Object.values(p.movements as Record<string, number>).reduce((a, b) => a + b, 0));
  });

  it('prints CSV', async () => {
    const csv = await cli('revenueReport.cli.ts', ['--from', '2025-01', '--to', '2025-02', '--format', 'csv', '--policy', 'chartmogul']);
    expect(csv.stdout.split('\n').slice(0, 2)).toEqual(['period,mrr,customers,new,expansion,contraction,churn,reactivation,netNew', expect.stringMatching(/^2025-01,\d+,6,/)]);
  });

  it('prints a table for people, weeks labelled by their Monday', async () => {
    const table = await cli('revenueReport.cli.ts', ['--from', '2025-01-01', '--to', '2025-01-14', '--interval', 'week', '--format', 'table']);
    expect(table.stdout).toContain('policy stripe, currency usd');
    expect(table.stdout).toMatch(/2024-12-30 +\d+/);
  });

  it('refuses bad options with exit code 2', async () => {
    const bad = await cli('revenueReport.cli.ts', ['--from', '2025-13', '--to', '2025-01', '--policy', 'mine']);
    expect(bad).toMatchObject({ failed: true, code: 2 });
    expect((bad as { stderr: string }).stderr).toMatch(/--policy/);
  });
});
