import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';

/** Client connections open on the server and its max_connections (the /metrics saturation gauges). */
export async function readPostgresConnections(db: DbOrTrx): Promise<{ connections: number; maxConnections: number }> {
  const { rows } = await sql<{ connections: number; maxConnections: number }>`
    select (select count(*) from pg_stat_activity where backend_type = 'client backend')::int as connections,
           current_setting('max_connections')::int as max_connections`.execute(db);
  return rows[0]!;
}
