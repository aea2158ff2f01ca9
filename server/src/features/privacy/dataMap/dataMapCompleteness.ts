import { PRIVACY_MASK_STRATEGIES } from '@opsdesk/shared';
import { DATA_MAP, ERASURE_ORDER, TABLES_WITHOUT_PERSONAL_DATA } from './dataMap.js';
import { DATA_CATEGORIES } from './dataMap.types.js';

/**
 * What keeps the data map complete (docs/product-schema.md, "Classifying your columns for
 * GDPR"), given the database's columns (`schema.table` → column → information_schema
 * data_type). Each problem names the column and the file to edit.
 */
export type DatabaseColumns = ReadonlyMap<string, ReadonlyMap<string, string>>;

const MAP_FILE: Record<string, string> = { app: 'dataMap.app.ts', billing: 'dataMap.billing.ts', ops: 'dataMap.ops.ts (or TABLES_WITHOUT_PERSONAL_DATA in dataMap.opsOther.ts)' };

/** Columns of the database the map does not classify. */
export function unmappedColumns(columns: DatabaseColumns): string[] {
  const problems: string[] = [];
  for (const [table, tableColumns] of columns) {
    if (table in TABLES_WITHOUT_PERSONAL_DATA) continue;
    const mapped = DATA_MAP.find((t) => t.table === table);
    const file = MAP_FILE[table.split('.')[0]!]!;
    if (!mapped) {
      problems.push(`${table} is not in the data map: classify its columns in ${file}`);
      continue;
    }
    for (const column of tableColumns.keys()) {
      if (!(column in mapped.columns)) problems.push(`${table}.${column} is not in the data map: classify it in ${file}`);
    }
  }
  return problems;
}

/** Tables and columns the map names that the database no longer has. */
export function staleEntries(columns: DatabaseColumns): string[] {
  const problems: string[] = [];
  for (const mapped of DATA_MAP) {
    const existing = columns.get(mapped.table);
    if (!existing) {
      problems.push(`${mapped.table} is in the data map but not in the database: remove it${mapped.optional ? ' (or create the optional table)' : ''}`);
      continue;
    }
    for (const column of Object.keys(mapped.columns)) {
      if (!existing.has(column)) problems.push(`${mapped.table}.${column} is in the data map but not in the database: remove it`);
    }
    for (const column of mapped.key) {
      if (!existing.has(column)) problems.push(`${mapped.table}: key column ${column} does not exist`);
    }
  }
  for (const table of Object.keys(TABLES_WITHOUT_PERSONAL_DATA)) {
    if (!columns.has(table)) problems.push(`${table} is in TABLES_WITHOUT_PERSONAL_DATA but not in the database: remove it`);
    if (DATA_MAP.some((t) => t.table === table)) problems.push(`${table} is both mapped and listed without personal data: choose one`);
  }
  return problems;
}

/** Strategies that cannot work: unknown names, a strategy on the wrong column type, a linked table missing from the order. */
export function strategyProblems(columns: DatabaseColumns): string[] {
  const problems: string[] = [];
  if (new Set(ERASURE_ORDER).size !== ERASURE_ORDER.length) problems.push('ERASURE_ORDER lists a table twice');
  for (const mapped of DATA_MAP) {
    const { action } = mapped.erasure;
    const masked = Object.entries(mapped.columns).filter(([, spec]) => spec.mask);
    for (const [column, spec] of Object.entries(mapped.columns)) {
      if (!DATA_CATEGORIES.includes(spec.category)) problems.push(`${mapped.table}.${column}: unknown category ${spec.category}`);
      if (spec.mask && !PRIVACY_MASK_STRATEGIES.includes(spec.mask.strategy)) problems.push(`${mapped.table}.${column}: unknown strategy ${spec.mask.strategy}`);
    }
    if ((action === 'delete' || action === 'not_linked') && masked.length > 0) problems.push(`${mapped.table}: a ${action} table masks no column`);
    if (action === 'mask' && masked.length === 0) problems.push(`${mapped.table}: a mask table needs masked columns`);
    for (const [column, spec] of masked) {
      const type = columns.get(mapped.table)?.get(column);
      const strategy = spec.mask!.strategy;
      if (strategy === 'keyed_hash' && type !== 'text') problems.push(`${mapped.table}.${column}: keyed_hash needs a text column (it is ${type})`);
      if (strategy === 'empty_json' && type !== 'jsonb') problems.push(`${mapped.table}.${column}: empty_json needs a jsonb column (it is ${type})`);
      if (strategy === 'truncate_to_month' && !(type?.startsWith('timestamp') || type === 'date')) problems.push(`${mapped.table}.${column}: truncate_to_month needs a timestamp or date (it is ${type})`);
      if (strategy === 'crypto_shred' && mapped.table !== 'ops.audit_log') problems.push(`${mapped.table}.${column}: crypto_shred is for ops.audit_log only`);
    }
    const linked = mapped.links.length > 0 && action !== 'not_linked';
    if (linked && !ERASURE_ORDER.includes(mapped.table)) problems.push(`${mapped.table} has links but is not in ERASURE_ORDER (dataMap.ts)`);
    if (!linked && ERASURE_ORDER.includes(mapped.table)) problems.push(`${mapped.table} is in ERASURE_ORDER but nothing links it to a subject`);
    if (action === 'not_linked' && mapped.links.length > 0) problems.push(`${mapped.table}: not_linked tables have no links`);
  }
  return problems;
}
