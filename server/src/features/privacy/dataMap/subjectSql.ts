import { sql, type RawBuilder } from 'kysely';
import type { ErasureSubject, TDataMapTable, TMaskSpec, TSubjectLink } from './dataMap.types.js';
import { maskedIdentifierPattern } from './masking.js';

/**
 * SQL built from the data map. Table, column and link texts come from the checked-in map
 * (never from input) and are quoted or used as written; every subject value and mask
 * value is a bound parameter. PostgreSQL infers each parameter's type from the column it
 * is compared with (uuid, text, bigint), so one builder serves every table.
 */

export function ident(name: string): RawBuilder<unknown> {
  return sql.raw(
    name
      .split('.')
      .map((part) => `"${part.replaceAll('"', '""')}"`)
      .join('.'),
  );
}

export function keyList(table: TDataMapTable): RawBuilder<unknown> {
  return sql.join(table.key.map((column) => ident(column)));
}

function subjectValues(subject: ErasureSubject, value: Exclude<TSubjectLink['matches'], object>): string[] {
  switch (value) {
    case 'userId':
      return subject.userId ? [subject.userId] : [];
    case 'customerIds':
      return subject.customerIds;
    case 'emails':
      return subject.emails.map((email) => email.toLowerCase());
    case 'requestIds':
      return subject.requestIds;
  }
}

/** One link as a condition, or null when the subject has no value for it. */
function linkCondition(link: TSubjectLink, subject: ErasureSubject): RawBuilder<boolean> | null {
  const column = link.expression ? sql.raw(link.column) : ident(link.column);
  const left = link.asText ? sql`${column}::text` : column;
  let match: RawBuilder<boolean>;
  if (typeof link.matches === 'string') {
    const values = subjectValues(subject, link.matches);
    if (values.length === 0) return null;
    match = values.length === 1 ? sql<boolean>`${left} = ${values[0]}` : sql<boolean>`${left} = any(${values})`;
  } else {
    const inner = linkCondition(link.matches.link, subject);
    if (!inner) return null;
    const values = sql`select ${sql.raw(link.matches.column)} from ${ident(link.matches.table)} where ${inner}`;
    match = link.indexed ? sql<boolean>`${left} = any(array(${values}))` : sql<boolean>`${left} in (${values})`;
  }
  return link.when ? sql<boolean>`(${sql.raw(link.when)} and ${match})` : match;
}

/** The rows of the table that belong to the subject, or null when none can (no link applies). */
export function subjectCondition(table: TDataMapTable, subject: ErasureSubject): RawBuilder<boolean> | null {
  const conditions = table.links.map((link) => linkCondition(link, subject)).filter((c): c is RawBuilder<boolean> => c !== null);
  if (conditions.length === 0) return null;
  return sql<boolean>`(${sql.join(conditions, sql` or `)})`;
}

/** Dotted paths → a tree of the keys to keep. */
function pathTree(paths: readonly string[]): Map<string, Map<string, unknown>> {
  const root = new Map<string, Map<string, unknown>>();
  for (const path of paths) {
    let node = root;
    for (const part of path.split('.')) {
      if (!node.has(part)) node.set(part, new Map());
      node = node.get(part) as Map<string, Map<string, unknown>>;
    }
  }
  return root;
}

/** The JSON with only the kept paths (absent keys stay absent; values kept whole). */
function keptJson(base: RawBuilder<unknown>, tree: Map<string, Map<string, unknown>>): RawBuilder<unknown> {
  const pairs = [...tree].map(([key, children]) => {
    const value = sql`${base} -> ${sql.lit(key)}`;
    const kept = children.size === 0 ? value : sql`case when jsonb_typeof(${value}) = 'object' then ${keptJson(value, children as Map<string, Map<string, unknown>>)} end`;
    return sql`(${sql.lit(key)}, ${kept})`;
  });
  return sql`(select coalesce(jsonb_object_agg(k, v), '{}'::jsonb) from (values ${sql.join(pairs)}) as kv(k, v) where v is not null)`;
}

export function emptiedJson(column: RawBuilder<unknown>, keep: readonly string[] | undefined): RawBuilder<unknown> {
  return keep && keep.length > 0 ? keptJson(column, pathTree(keep)) : sql`'{}'::jsonb`;
}

/**
 * A masked column: the SET expression, and the condition that the row still needs it (so
 * a second run changes nothing). keyed_hash reads its hashes from a JSON object parameter
 * built in Node (value → hash); values missing from it are left for the next batch.
 */
export function maskSql(columnName: string, mask: TMaskSpec, hashes: Record<string, string>): { set: RawBuilder<unknown>; needs: RawBuilder<boolean> } {
  const c = ident(columnName);
  switch (mask.strategy) {
    case 'null':
      return { set: sql`null`, needs: sql<boolean>`${c} is not null` };
    case 'placeholder':
      return { set: sql`case when ${c} is null then null else ${mask.value} end`, needs: sql<boolean>`(${c} is not null and ${c}::text <> ${mask.value})` };
    case 'keyed_hash':
      return {
        set: sql`coalesce(${JSON.stringify(hashes)}::jsonb ->> ${c}::text, ${c})`,
        needs: sql<boolean>`(${c} is not null and ${c}::text !~ ${maskedIdentifierPattern(mask.format)})`,
      };
    case 'truncate_to_month':
      return { set: sql`date_trunc('month', ${c}, 'UTC')`, needs: sql<boolean>`(${c} is not null and ${c} <> date_trunc('month', ${c}, 'UTC'))` };
    case 'empty_json': {
      const emptied = emptiedJson(c, mask.keep);
      return { set: sql`case when ${c} is null then null else ${emptied} end`, needs: sql<boolean>`(${c} is not null and ${c} <> ${emptied})` };
    }
    case 'crypto_shred':
      throw new Error(`${columnName}: crypto_shred is done by shredding audit subject keys (features/audit), not by rewriting rows`);
  }
}

/** The masked columns of a table (mask and keep), in map order. */
export function maskedColumns(table: TDataMapTable): { column: string; mask: TMaskSpec }[] {
  return Object.entries(table.columns).flatMap(([column, spec]) => (spec.mask ? [{ column, mask: spec.mask }] : []));
}
