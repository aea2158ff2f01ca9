import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../../testing/testDatabase.js';
import { routine, type RoutineDefinition } from './revenueRoutines.js';

/**
 * The refresh's statements live as functions of the `revenue` schema, installed with the
 * migrations and named by their text (revenueRoutines.ts): a call sends only arguments.
 */
describe('revenue routines', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  const installed = async () =>
    (await sql<{ name: string; version: string }>`
      select p.proname as name, p.xmin::text as version from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'revenue' and p.proname like 'refresh\\_%' order by 1`.execute(database.db)).rows;

  it('migrating installs one read and one write of this version, and migrating again neither adds nor replaces one', async () => {
    const first = await installed();
    expect(first.map((r) => r.name.replace(/_[0-9a-f]{20}$/, ''))).toEqual(['refresh_read', 'refresh_write']);
    await migrateToLatest(database.db);
    // Same rows, same row versions: a replaced function would make every connection plan it again.
    expect(await installed()).toEqual(first);
  });

  it('a routine takes its values from its arguments, each with a cast, and its name follows its text', async () => {
    const plain: RoutineDefinition<{ ids: string[] }> = { kind: 'test_plain', returns: 'setof json', statement: (args) => sql`select to_json(${args.ids}::text[])` };
    const other: RoutineDefinition<{ ids: string[] }> = { kind: 'test_plain', returns: 'setof json', statement: (args) => sql`select to_json(cardinality(${args.ids}::text[]))` };
    expect(routine(database.db, plain).name).not.toEqual(routine(database.db, other).name);
    const made = routine(database.db, plain);
    await made.create.execute(database.db);
    const { rows } = await made.call({ ids: ['cus_a', 'cus_b'] }).execute(database.db);
    expect(rows.map((r) => JSON.parse((r as { row: string }).row))).toEqual([['cus_a', 'cus_b']]);

    const constant: RoutineDefinition<{ ids: string[] }> = { kind: 'test_constant', returns: 'void', statement: () => sql`select ${'cus_a'}::text` };
    expect(() => routine(database.db, constant)).toThrow(/from its arguments/);
    const uncast: RoutineDefinition<{ ids: string[] }> = { kind: 'test_uncast', returns: 'void', statement: (args) => sql`select ${args.ids}` };
    expect(() => routine(database.db, uncast)).toThrow(/cast/);
  });
});
