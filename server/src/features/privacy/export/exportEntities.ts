import { csvField } from '../../../http/csvField.js';
import type { ExportZip } from './exportZip.js';

/**
 * One entity (a mapped table, the audit entries) as two files of the archive: JSON (an
 * array of rows, values as stored) and CSV (the same rows, one line each, for a
 * spreadsheet). Rows are read a page at a time, twice — once per file — inside the
 * export's one snapshot, so both files and the manifest say the same thing and no
 * entity is ever held in memory. An entity with no rows gets no files.
 */
export type Row = Record<string, unknown>;
export type ReadPage = (after: unknown[] | null, limit: number) => Promise<{ rows: Row[]; next: unknown[] | null }>;

export interface ManifestFile {
  path: string;
  entity: string;
  format: 'json' | 'csv';
  rows: number;
  bytes: number;
  sha256: string;
}

/** Rows per read: few enough round trips for 100,000 rows, small enough pages (a mirror row carries its Stripe snapshot). */
export const EXPORT_PAGE_SIZE = 1000;

export async function writeEntityFiles(zip: ExportZip, entity: { name: string; path: string; read: ReadPage }, signal: AbortSignal): Promise<ManifestFile[]> {
  const first = await entity.read(null, EXPORT_PAGE_SIZE);
  if (first.rows.length === 0) return [];
  const columns = Object.keys(first.rows[0]!);
  const files: ManifestFile[] = [];
  for (const format of ['json', 'csv'] as const) {
    const path = `${entity.path}.${format}`;
    const out = zip.entry(path);
    let rows = 0;
    if (format === 'csv') await out.write(`${columns.map(csvField).join(',')}\r\n`);
    else await out.write('[');
    for await (const page of pagesFrom(first, entity.read, signal)) {
      const text = format === 'json' ? page.map((row, i) => `${rows + i === 0 ? '\n' : ',\n'}${JSON.stringify(jsonRow(row))}`).join('') : page.map((row) => csvLine(row, columns)).join('');
      rows += page.length;
      await out.write(text);
    }
    if (format === 'json') await out.write('\n]\n');
    files.push({ path, entity: entity.name, format, rows, ...(await out.end()) });
  }
  return files;
}

/** The first page (already read), then the others; stops promptly when the job is cancelled. */
async function* pagesFrom(first: { rows: Row[]; next: unknown[] | null }, read: ReadPage, signal: AbortSignal): AsyncGenerator<Row[]> {
  let page = first;
  for (;;) {
    yield page.rows;
    if (!page.next) return;
    signal.throwIfAborted();
    page = await read(page.next, EXPORT_PAGE_SIZE);
  }
}

/** Values JSON cannot carry as they are: bytes as base64, bigints as text (dates become ISO text by themselves). */
function jsonRow(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) out[key] = Buffer.isBuffer(value) ? value.toString('base64') : typeof value === 'bigint' ? String(value) : value;
  return out;
}

function csvLine(row: Row, columns: string[]): string {
  return `${columns.map((column) => csvField(csvText(row[column]))).join(',')}\r\n`;
}

/** A cell's text: dates as ISO, bytes as base64, objects and arrays as their JSON. */
function csvText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
