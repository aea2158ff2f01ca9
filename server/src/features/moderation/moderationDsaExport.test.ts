import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { z } from 'zod';
import { ZDsaStatementSchema, type TDsaStatement } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditRowsByAction } from '../audit/audit.queries.js';
import { runCli } from '../../testing/runCli.js';
import { createTestDatabase, type TestDatabase } from '../../testing/testDatabase.js';
import { exportDsaStatements, toDsaBatches, type DsaBatch } from './moderationDsaExport.js';

/** One request body of the Transparency Database's multiple-statements endpoint: 1–100 valid statements. */
const ZSubmissionBatch = z.strictObject({ statements: z.array(ZDsaStatementSchema).min(1).max(100) });

const statement = (puid: string, overrides: Record<string, unknown> = {}) => ({
  decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
  decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
  incompatible_content_ground: 'Terms of service: spam',
  incompatible_content_explanation: 'Repeated identical posts linking to a shop.',
  incompatible_content_illegal: 'No',
  category: 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE',
  content_type: ['CONTENT_TYPE_TEXT'],
  content_date: '2026-03-01',
  application_date: '2026-03-02',
  end_date: null,
  decision_facts: 'Repeated identical posts linking to a shop.',
  source_type: 'SOURCE_ARTICLE_16',
  automated_detection: 'No',
  automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
  territorial_scope: ['DE', 'FR'],
  puid,
  ...overrides,
});

/**
 * The DSA export on a migrated PostgreSQL: statements of the window only, validated
 * against the DSA enumerations (an invalid one reported and left out), in batches of
 * 1–100 that each validate as a submission body; and the CLI as an operator runs it.
 */
describe('DSA statements of reasons export', () => {
  let database: TestDatabase;
  const dir = mkdtempSync(path.join(tmpdir(), 'opsdesk-dsa-export-'));
  const validIds: string[] = [];
  let invalidId: string;

  async function insertDecision(decisionType: string, body: unknown, createdAt: string): Promise<string> {
    const rows = await sql<{ id: string }>`
      insert into ops.moderation_decisions (subject_type, subject_id, decision_type, reason_code, statement, decided_by_label, appeal_deadline, created_at)
      values ('content', gen_random_uuid()::text, ${decisionType}, 'spam', ${body === null ? null : JSON.stringify(body)}::jsonb, 'test', ${createdAt}::timestamptz + interval '6 months', ${createdAt}::timestamptz)
      returning id`.execute(database.db);
    return rows.rows[0]!.id;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    // 205 valid statements on 2 March (a microsecond apart in pairs, so the keyset must be exact), one invalid, one dismissal, one outside the window.
    for (let i = 0; i < 205; i++) {
      const id = crypto.randomUUID();
      const at = `2026-03-02T10:00:00.${String(Math.floor(i / 2)).padStart(6, '0')}Z`;
      await sql`
        insert into ops.moderation_decisions (id, subject_type, subject_id, decision_type, reason_code, statement, decided_by_label, appeal_deadline, created_at)
        values (${id}::uuid, 'content', ${id}, 'remove', 'spam', ${JSON.stringify(statement(id))}::jsonb, 'test', ${at}::timestamptz + interval '6 months', ${at}::timestamptz)`.execute(database.db);
      validIds.push(id);
    }
    invalidId = await insertDecision('remove', statement('bad', { category: 'STATEMENT_CATEGORY_MADE_UP' }), '2026-03-02T12:00:00Z');
    await insertDecision('dismiss', null, '2026-03-02T13:00:00Z');
    await insertDecision('remove', statement('outside'), '2026-03-04T00:00:00Z');
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('splits statements into batches of 1–100 and refuses any other size', () => {
    const statements = Array.from({ length: 250 }, (_, i) => statement(`p${i}`) as TDsaStatement);
    expect(toDsaBatches(statements, 100).map((b) => b.statements.length)).toEqual([100, 100, 50]);
    expect(toDsaBatches(statements, 1)).toHaveLength(250);
    expect(toDsaBatches([], 100)).toEqual([]);
    expect(() => toDsaBatches(statements, 0)).toThrow(RangeError);
    expect(() => toDsaBatches(statements, 101)).toThrow(RangeError);
  });

  it('exports every valid statement of the window once, in order, in batches that validate; the invalid one is reported', async () => {
    const batches: DsaBatch[] = [];
    const range = { from: new Date('2026-03-02T00:00:00Z'), to: new Date('2026-03-03T00:00:00Z') };
    // Pages of 7 rows: the keyset crosses pages inside pairs that share a microsecond.
    const result = await exportDsaStatements(database.db, range, 100, (batch) => void batches.push(batch), 7);
    expect(result).toMatchObject({ exported: 205, batches: 3 });
    expect(result.invalid).toEqual([{ puid: invalidId, problems: [expect.stringContaining('category')] }]);
    expect(batches.map((b) => b.statements.length)).toEqual([100, 100, 5]);
    for (const batch of batches) expect(ZSubmissionBatch.safeParse(batch).success).toBe(true);
    // Oldest first, ties (the same microsecond) by id: each exactly once across pages and batches.
    const expected = validIds.map((id, i) => ({ id, at: Math.floor(i / 2) })).sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)).map((r) => r.id);
    expect(batches.flatMap((b) => b.statements.map((s) => s.puid))).toEqual(expected);
  });

  it('runs as `npm run moderation:dsa-export`: JSON Lines or one file per batch, audited; bad options exit 2', async () => {
    const env = { DATABASE_URL: database.url, AUDIT_ANCHOR_FILE: path.join(dir, 'anchors.jsonl') };
    const withInvalid = await runCli('moderationDsaExport.cli.ts', ['--from', '2026-03-02', '--to', '2026-03-02', '--batch-size', '40'], env);
    expect(withInvalid).toMatchObject({ failed: true, code: 1, stderr: expect.stringContaining(`Left out ${invalidId}`) });
    const lines = withInvalid.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((b) => b.statements.length)).toEqual([40, 40, 40, 40, 40, 5]);

    await sql`delete from ops.moderation_decisions where id = ${invalidId}::uuid`.execute(database.db);
    const out = path.join(dir, 'batches');
    const clean = await runCli('moderationDsaExport.cli.ts', ['--from', '2026-03-01', '--to', '2026-03-03', '--out', out], env);
    expect(clean).not.toHaveProperty('failed');
    expect(clean.stderr).toContain('Exported 205 statements in 3 batches');
    const files = readdirSync(out).sort();
    expect(files).toEqual(['dsa-statements-0001.json', 'dsa-statements-0002.json', 'dsa-statements-0003.json']);
    const written = files.map((file) => ZSubmissionBatch.parse(JSON.parse(readFileSync(path.join(out, file), 'utf8'))));
    expect(written.map((b) => b.statements.length)).toEqual([100, 100, 5]);
    expect(await findAuditRowsByAction(database.db, 'moderation.dsa_exported')).toMatchObject([
      { result: 'failure', actorEmail: expect.stringMatching(/^cli:/) },
      { result: 'success', after: { exported: 205, batches: 3, invalid: [] } },
    ]);

    for (const args of [['--from', '2026-03-05', '--to', '2026-03-01'], ['--from', '2026-02-30', '--to', '2026-03-01'], ['--from', '2026-03-01', '--to', '2026-03-02', '--batch-size', '101']]) {
      expect(await runCli('moderationDsaExport.cli.ts', args, env)).toMatchObject({ failed: true, code: 2, stderr: expect.stringContaining('Invalid options') });
    }
  });
});
