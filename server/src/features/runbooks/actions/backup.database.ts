import { connectionStringOf, type Db } from '../../../db/database.js';

/**
 * The URL the app's own pool uses (DATABASE_URL, or the embedded server's), so pg_dump
 * dumps exactly the database Opsdesk serves. Holds the password: never log it.
 */
export function appDatabaseConnectionString(db: Db): string {
  const url = connectionStringOf(db);
  if (!url) throw new Error('The database handle was not made by createDatabase: its connection URL is unknown');
  return url;
}
