import type { DbOrTrx, Db } from '../../../../db/database.js';
import { runSql } from '../../../billing/mirror/plainSql.js';
import { findEventBodies } from '../../../billing/webhooks/eventLedger.queries.js';

/**
 * The erasure's proof (docs/gdpr.md, "How the erasure is proven"): where in the database a
 * marker string still occurs. Reads information_schema, so a column added tomorrow is
 * scanned without anyone listing it. Every text-like column (text, varchar, char, json,
 * jsonb and arrays of them) is read as `col::text`, which also decompresses TOASTed values
 * (the ledger's and mirror's lz4/pglz-compressed payloads); bytea columns are searched for
 * the marker's UTF-8 bytes. The webhook ledger is read once more through its own reader
 * (findEventBodies), the path the app uses, so a payload the app can read is one we read.
 */
export const SCANNED_SCHEMAS = ['app', 'billing', 'ops'] as const;

const TEXT_TYPES = new Set(['text', 'character varying', 'character', 'json', 'jsonb']);
const TEXT_ARRAY_UDTS = new Set(['_text', '_varchar', '_bpchar', '_json', '_jsonb']);

interface ScannedColumn {
  schema: string;
  table: string;
  column: string;
  kind: 'text' | 'bytea';
}

/** Hits as `schema.table.column` → rows containing the marker, sorted by name. */
export type ResidualHits = Record<string, number>;

export async function findScannedColumns(db: DbOrTrx): Promise<ScannedColumn[]> {
  const rows = await runSql<{ tableSchema: string; tableName: string; columnName: string; dataType: string; udtName: string }>(
    db,
    `select c.table_schema, c.table_name, c.column_name, c.data_type, c.udt_name
     from information_schema.columns c
     join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
     where c.table_schema = any($1::text[])
     order by c.table_schema, c.table_name, c.ordinal_position`,
    [[...SCANNED_SCHEMAS]],
  );
  const columns: ScannedColumn[] = [];
  for (const row of rows) {
    const kind = row.dataType === 'bytea' ? 'bytea' : TEXT_TYPES.has(row.dataType) || (row.dataType === 'ARRAY' && TEXT_ARRAY_UDTS.has(row.udtName)) ? 'text' : null;
    if (kind) columns.push({ schema: row.tableSchema, table: row.tableName, column: row.columnName, kind });
  }
  return columns;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Counts, per column, the rows holding `marker`: one statement per table (all its columns in one pass). */
export async function scanForMarker(db: Db, marker: string): Promise<ResidualHits> {
  if (marker.length < 8) throw new Error('a marker must be at least 8 characters, or it matches by chance');
  const byTable = new Map<string, ScannedColumn[]>();
  for (const column of await findScannedColumns(db)) {
    const key = `${column.schema}.${column.table}`;
    byTable.set(key, [...(byTable.get(key) ?? []), column]);
  }
  const hits: ResidualHits = {};
  for (const [table, columns] of byTable) {
    const counts = columns.map((c, i) => {
      const test = c.kind === 'bytea' ? `position(convert_to($1::text, 'UTF8') in ${quoteIdent(c.column)}) > 0` : `strpos(${quoteIdent(c.column)}::text, $1::text) > 0`;
      return `count(*) filter (where ${test}) as c${i}`;
    });
    const [row] = await runSql<Record<string, string>>(db, `select ${counts.join(', ')} from ${quoteIdent(columns[0]!.schema)}.${quoteIdent(columns[0]!.table)}`, [marker]);
    columns.forEach((c, i) => {
      const n = Number(row![`c${i}`]);
      if (n > 0) hits[`${table}.${c.column}`] = n;
    });
  }
  const ledger = await countLedgerBodiesWithMarker(db, marker);
  if (ledger > 0) hits['ops.stripe_events.payload (ledger reader)'] = ledger;
  return Object.fromEntries(Object.entries(hits).sort(([a], [b]) => a.localeCompare(b)));
}

/** The ledger's events whose body, as the ledger's reader returns it, contains the marker. */
async function countLedgerBodiesWithMarker(db: Db, marker: string): Promise<number> {
  let found = 0;
  let after = '';
  for (;;) {
    const ids = (await runSql<{ id: string }>(db, `select id from ops.stripe_events where id > $1 order by id limit 500`, [after])).map((r) => r.id);
    if (ids.length === 0) return found;
    for (const body of (await findEventBodies(db, ids)).values()) if (body.includes(marker)) found++;
    after = ids[ids.length - 1]!;
  }
}
