import { sql, type Kysely } from 'kysely';
import { withSessionLock } from './sessionLock.js';

/**
 * Schema changes made at start — Opsdesk's migrations, the reference product schema's,
 * graphile-worker's — take turns across every process on the database. Two servers
 * starting together (a rolling deploy, the staff CLI beside the server) otherwise race:
 * Kysely's migrator lists every table of the database to see whether its own exists, and
 * a table another process drops or replaces during that listing (graphile-worker's
 * `known_crontabs`, for one) fails it with "relation does not exist" and the server exits.
 *
 * A session advisory lock (sessionLock.ts), held on the connection the work gets.
 */
const SCHEMA_CHANGE_LOCK = sql`hashtextextended('opsdesk:schema-changes', 0)`;

export async function withSchemaChangeLock<T>(db: Kysely<any>, work: (connection: Kysely<any>) => Promise<T>): Promise<T> {
  return withSessionLock(db, SCHEMA_CHANGE_LOCK, work);
}
