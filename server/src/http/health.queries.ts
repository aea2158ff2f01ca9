import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** A round trip through a pooled connection: the cheapest proof the database answers. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
