import { sql } from 'kysely';
import type { Db } from '../../../db/database.js';

/**
 * What the backup actions ask PostgreSQL. Scratch databases are named by the action
 * (`opsdesk_verify_<hex>`), never from input, and checked against that shape anyway
 * before they reach DDL, which cannot take parameters.
 */
export const SCRATCH_DATABASE_PATTERN = /^opsdesk_verify_[0-9a-f]{12}$/;

export interface ServerFacts {
  database: string;
  version: string;
  major: number;
  sizeBytes: number;
}

export async function findServerFacts(db: Db): Promise<ServerFacts> {
  const { rows } = await sql<{ database: string; version: string; versionNum: string; sizeBytes: string }>`
    select current_database() as database, current_setting('server_version') as version,
           current_setting('server_version_num') as version_num, pg_database_size(current_database())::text as size_bytes`.execute(db);
  const row = rows[0]!;
  return { database: row.database, version: row.version.split(' ')[0]!, major: Math.floor(Number(row.versionNum) / 10_000), sizeBytes: Number(row.sizeBytes) };
}

/** Tables pg_dump copies the rows of (for progress: one "dumping contents" line each). */
export async function countTablesWithData(db: Db): Promise<number> {
  const { rows } = await sql<{ tables: string }>`
    select count(*)::text as tables from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'm') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_'`.execute(db);
  return Number(rows[0]?.tables ?? 0);
}

function scratchIdentifier(name: string) {
  if (!SCRATCH_DATABASE_PATTERN.test(name)) throw new Error(`"${name}" is not a scratch database name`);
  return sql.id(name);
}

/**
 * The comment marks whose scratch database it is, so a later run sweeps only the ones
 * its own installation left (a killed run), never another's running on the same server.
 */
function scratchComment(liveDatabase: string): string {
  return `opsdesk backup verification of ${liveDatabase}`;
}

export async function createScratchDatabase(db: Db, name: string, liveDatabase: string): Promise<void> {
  await sql`create database ${scratchIdentifier(name)}`.execute(db);
  try {
    await sql`comment on database ${scratchIdentifier(name)} is ${sql.lit(scratchComment(liveDatabase))}`.execute(db);
  } catch (error) {
    await dropScratchDatabase(db, name);
    throw error;
  }
}

/** `with (force)` ends connections a cancelled pg_restore may have left behind. */
export async function dropScratchDatabase(db: Db, name: string): Promise<void> {
  await sql`drop database if exists ${scratchIdentifier(name)} with (force)`.execute(db);
}

/** Scratch databases on this server; with `liveDatabase`, only those made while verifying its backups. */
export async function findScratchDatabases(db: Db, liveDatabase?: string): Promise<string[]> {
  const { rows } = await sql<{ datname: string; comment: string | null }>`
    select datname, shobj_description(oid, 'pg_database') as comment from pg_database
    where datname ~ '^opsdesk_verify_' order by datname`.execute(db);
  return rows
    .filter((row) => SCRATCH_DATABASE_PATTERN.test(row.datname) && (liveDatabase === undefined || row.comment === scratchComment(liveDatabase)))
    .map((row) => row.datname);
}

export interface TableFacts {
  exists: boolean;
  rows: number;
  /** The newest value of the table's timestamp column, or null (no column, or no rows). */
  newest: Date | null;
}

/** Rows and newest timestamp of one key table (names come from backup.keyTables.ts, never from input). */
export async function findTableFacts(db: Db, table: string, timestampColumn: string | null): Promise<TableFacts> {
  const { rows: found } = await sql<{ exists: boolean }>`select to_regclass(${table}) is not null as exists`.execute(db);
  if (!found[0]?.exists) return { exists: false, rows: 0, newest: null };
  const newest = timestampColumn ? sql`max(${sql.ref(timestampColumn)})` : sql`null::timestamptz`;
  const { rows } = await sql<{ rows: string; newest: Date | null }>`
    select count(*)::text as rows, ${newest} as newest from ${sql.table(table)}`.execute(db);
  return { exists: true, rows: Number(rows[0]?.rows ?? 0), newest: rows[0]?.newest ?? null };
}
