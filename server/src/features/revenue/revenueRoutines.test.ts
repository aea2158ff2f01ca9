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

  it('keeps, of older versions of a routine, only the newest (a previous server may still call it) and drops the rest', async () => {
    const current = await installed();
    const older = ['0'.repeat(20), '1'.repeat(20)].map((hash) => `refresh_read_${hash}`);
    for (const name of older) await sql.raw(`create function revenue.${name}(text[]) returns setof json language sql as 'select null::json'`).execute(database.db);
    await migrateToLatest(database.db);
    const after = await installed();
    // Created last, so the newest of the older ones: it stays; the one before it goes.
    expect(after.map((r) => r.name)).toEqual([...current.map((r) => r.name), older[1]!].sort());
    expect(after.filter((r) => current.some((c) => c.name === r.name))).toEqual(current);
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
