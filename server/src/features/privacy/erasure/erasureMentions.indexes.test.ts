import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { migrateReferenceProductSchema } from '../../demo/appSchema/migrateReferenceProductSchema.js';
import { MENTION_SOURCES, mentionsQuery } from './erasureMentions.queries.js';

/**
 * The mentions scan reads each table through its trigram index (migration 0034), not by
 * reading every text: the statement's filter must be the very expression the index was
 * built on. Only bitmap scans are left on for the check, so a plan without the index
 * means the two no longer match (a column added to a source without a new index, a
 * changed order or cast), not that the planner found the test's small tables cheaper to
 * read whole or through another index.
 */
describe('the mentions scan’s trigram indexes', () => {
  let app: TestApp;
  const subject = { userId: null, customerIds: ['cus_indexcheck'], emails: ['ann.lee@example.test'], requestIds: [] };

  beforeAll(async () => {
    app = await createTestApp();
    // The action requests' link reads the product's workspaces.
    await migrateReferenceProductSchema(app.db);
  }, 60_000);
  afterAll(() => app?.close());

  it.each(MENTION_SOURCES.map((source) => [source.table, source] as const))('%s is searched through its index', async (table, source) => {
    const indexName = `${table.replace(/^ops\./, '')}_mentions_trgm_idx`;
    const plan = await app.db.transaction().execute(async (trx) => {
      for (const setting of ['enable_seqscan', 'enable_indexscan', 'enable_indexonlyscan']) await sql`select set_config(${setting}, 'off', true)`.execute(trx);
      const { rows } = await sql<{ 'QUERY PLAN': unknown }>`explain (format json) ${mentionsQuery(source, subject, ['ann.lee@example.test', 'Ann Lee'], 50)}`.execute(trx);
      return JSON.stringify(rows[0]!['QUERY PLAN']);
    });
    expect(plan).toContain(`"Index Name":"${indexName}"`);
  });
});
