import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

/**
 * Whether the demo company was seeded to the end, kept in ops.settings: written
 * "started" before the first row and "complete" after the last webhook, so a seed that
 * was stopped half-way (Ctrl-C, a killed process, an error) is told apart from a
 * finished one at the next start. No row: never seeded by this code.
 */
const KEY = 'demo.seed';

export type DemoSeedState = 'started' | 'complete';

export async function findDemoSeedState(db: DbOrTrx): Promise<DemoSeedState | null> {
  const row = await db.selectFrom('ops.settings').select('value').where('key', '=', KEY).executeTakeFirst();
  return row ? ((row.value as { state: DemoSeedState }).state ?? null) : null;
}

export async function saveDemoSeedState(db: DbOrTrx, state: DemoSeedState): Promise<void> {
  const value = JSON.stringify({ state, at: new Date().toISOString() });
  await db
    .insertInto('ops.settings')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updatedAt: sql<Date>`now()` as never }))
    .execute();
}

export async function isDemoSeedInterrupted(db: DbOrTrx): Promise<boolean> {
  return (await findDemoSeedState(db)) === 'started';
}
