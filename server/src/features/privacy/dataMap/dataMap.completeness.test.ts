import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { migrateReferenceProductSchema } from '../../demo/appSchema/migrateReferenceProductSchema.js';
import { staleEntries, strategyProblems, unmappedColumns } from './dataMapCompleteness.js';

/**
 * CI keeps the data map complete: on a migrated database with the reference product
 * schema, every column of app and billing, and every ops table, is classified, and
 * nothing in the map is gone. A failure names the column and the file to edit.
 */

let app: TestApp;
let columns: Map<string, Map<string, string>>;

beforeAll(async () => {
  app = await createTestApp();
  await migrateReferenceProductSchema(app.db);
  const { rows } = await sql<{ table: string; column: string; type: string }>`
    select c.table_schema || '.' || c.table_name as table, c.column_name as column, c.data_type as type
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema in ('app', 'billing', 'ops') and t.table_type in ('BASE TABLE', 'VIEW')
    order by 1, c.ordinal_position`.execute(app.db.withoutPlugins());
  columns = new Map();
  for (const row of rows) {
    if (!columns.has(row.table)) columns.set(row.table, new Map());
    columns.get(row.table)!.set(row.column, row.type);
  }
});
afterAll(() => app?.close());

describe('the data map', () => {
  it('classifies every column of app, billing and ops', () => {
    expect(columns.get('app.users')?.has('email')).toBe(true);
    expect(unmappedColumns(columns)).toEqual([]);
  });

  it('names no table or column that no longer exists', () => {
    expect(staleEntries(columns)).toEqual([]);
  });

  it('gives every table a strategy that fits its columns and every linked table a place in the erasure order', () => {
    expect(strategyProblems(columns)).toEqual([]);
  });

  it('says what to do when a column is added, dropped or mistyped', () => {
    const changed = new Map([...columns].map(([table, cols]) => [table, new Map(cols)]));
    changed.get('app.users')!.set('phone', 'text');
    changed.get('billing.customers')!.delete('name');
    changed.set('ops.new_things', new Map([['id', 'uuid']]));
    changed.get('app.users')!.set('email', 'uuid');
    expect(unmappedColumns(changed)).toEqual([
      'app.users.phone is not in the data map: classify it in dataMap.app.ts',
      'ops.new_things is not in the data map: classify its columns in dataMap.ops.ts (or TABLES_WITHOUT_PERSONAL_DATA in dataMap.opsOther.ts)',
    ]);
    expect(staleEntries(changed)).toEqual(['billing.customers.name is in the data map but not in the database: remove it']);
    expect(strategyProblems(changed)).toContain('app.users.email: keyed_hash needs a text column (it is uuid)');
  });
});
