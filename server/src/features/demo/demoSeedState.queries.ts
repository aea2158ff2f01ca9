import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

/**
 * Whether the demo company was seeded to the end, kept in ops.settings: written
 * "started" before the first row and "complete" after the last webhook, so a seed that
 * was stopped half-way (Ctrl-C, a killed process, an error) is told apart from a
 * finished one at the next start. No row: never seeded by this code.
 */
const KEY = 'demo.seed';
/** The demo staff's first day (demoActivity.ts), written once it is all recorded. */
const ACTIVITY_KEY = 'demo.activity';

export type DemoSeedState = 'started' | 'complete';

async function findState(db: DbOrTrx, key: string): Promise<string | null> {
  const row = await db.selectFrom('ops.settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? ((row.value as { state?: string }).state ?? null) : null;
}

async function saveState(db: DbOrTrx, key: string, state: string): Promise<void> {
  const value = JSON.stringify({ state, at: new Date().toISOString() });
  await db
    .insertInto('ops.settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updatedAt: sql<Date>`now()` as never }))
    .execute();
}

export async function findDemoSeedState(db: DbOrTrx): Promise<DemoSeedState | null> {
  return (await findState(db, KEY)) as DemoSeedState | null;
}

export async function saveDemoSeedState(db: DbOrTrx, state: DemoSeedState): Promise<void> {
  await saveState(db, KEY, state);
}

export async function isDemoActivityRecorded(db: DbOrTrx): Promise<boolean> {
  return (await findState(db, ACTIVITY_KEY)) === 'complete';
}

export async function markDemoActivityRecorded(db: DbOrTrx): Promise<void> {
  await saveState(db, ACTIVITY_KEY, 'complete');
}

/** The first day was about the company a reset empties: the next start records one on the new company. */
export async function forgetDemoActivity(db: DbOrTrx): Promise<void> {
  await db.deleteFrom('ops.settings').where('key', '=', ACTIVITY_KEY).execute();
}

export async function isDemoSeedInterrupted(db: DbOrTrx): Promise<boolean> {
  return (await findDemoSeedState(db)) === 'started';
}
