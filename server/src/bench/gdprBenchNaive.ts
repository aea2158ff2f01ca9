import { createHash } from 'node:crypto';
import type { Db } from '../db/database.js';
import { EXPORT_TABLES, readSubjectRows, type ErasureSubject } from '../features/privacy/dataMap/subjectRows.queries.js';

/**
 * The export done the obvious way, for the bench's ratio: each entity's rows read in one
 * query, its whole JSON and CSV built as strings, every file held until the archive would
 * be written. Same rows as the real export (the data map's reader), no ZIP (which would
 * only add to its cost).
 */
export async function naiveExport(db: Db, subject: ErasureSubject): Promise<{ files: number; bytes: number }> {
  const files: { name: string; text: string; sha256: string }[] = [];
  for (const table of EXPORT_TABLES) {
    const { rows } = await readSubjectRows(db, table, subject, { after: null, limit: 10_000_000 });
    if (rows.length === 0) continue;
    const json = JSON.stringify(rows, null, 1);
    const columns = Object.keys(rows[0]!);
    const csv = [columns.join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(','))].join('\r\n');
    for (const [name, text] of [[`${table}.json`, json], [`${table}.csv`, csv]] as const) files.push({ name, text, sha256: createHash('sha256').update(text).digest('hex') });
  }
  return { files: files.length, bytes: files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0) };
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
