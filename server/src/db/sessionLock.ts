import { sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * Runs `work` holding a session advisory lock (`key`: a bigint or int expression, e.g.
 * hashtext of a name) on the connection the work gets, rather than in a transaction: the
 * work may take long or talk to the outside world without a transaction staying open,
 * and the lock goes when the work ends, or with the connection if the process dies.
 */
export async function withSessionLock<T>(db: Kysely<any>, key: RawBuilder<unknown>, work: (connection: Kysely<any>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${key})`.execute(connection);
    try {
      return await work(connection);
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(connection);
    }
  });
}
