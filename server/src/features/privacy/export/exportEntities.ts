import { csvField } from '../../../http/csvField.js';
import { csvSpoolPath } from './exportFiles.js';
import { createExportSpool } from './exportSpool.js';
import type { ExportZip } from './exportZip.js';

/**
 * One entity (a mapped table, the audit entries) as two files of the archive: JSON (an
 * array of rows, values as stored) and CSV (the same rows, one line each, for a
 * spreadsheet). Rows are read a page at a time, once, inside the export's one snapshot:
 * each page goes to the JSON entry streaming into the archive and to the CSV spooled
 * beside it (the archive takes one entry at a time), which then follows the JSON in. So
 * both files and the manifest say the same thing, no entity is ever held in memory, and
 * the database is read once. An entity with no rows gets no files.
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
  const jsonPath = `${entity.path}.json`;
  const csvPath = `${entity.path}.csv`;
  const csv = await createExportSpool(csvSpoolPath(zip.file));
  try {
    const json = zip.entry(jsonPath);
    let rows = 0;
    await Promise.all([json.write('['), csv.write(`${columns.map(csvField).join(',')}\r\n`)]);
    for await (const page of pagesFrom(first, entity.read, signal)) {
      const jsonText = page.map((row, i) => `${rows + i === 0 ? '\n' : ',\n'}${JSON.stringify(jsonRow(row))}`).join('');
      const csvText = page.map((row) => csvLine(row, columns)).join('');
      rows += page.length;
      await Promise.all([json.write(jsonText), csv.write(csvText)]);
    }
    await json.write('\n]\n');
    const jsonFile = await json.end();
    const csvFile = await csv.end();
    await zip.entryFromFile(csvPath, csv.file);
    return [
      { path: jsonPath, entity: entity.name, format: 'json', rows, ...jsonFile },
      { path: csvPath, entity: entity.name, format: 'csv', rows, ...csvFile },
    ];
  } finally {
    await csv.remove();
  }
}

/**
 * The first page (already read), then the others, each read while the one before is
 * written: the database works on the next page while this process turns the last into
 * text. Stops promptly when the job is cancelled, before a read and after one.
 */
async function* pagesFrom(first: { rows: Row[]; next: unknown[] | null }, read: ReadPage, signal: AbortSignal): AsyncGenerator<Row[]> {
  let page = first;
  for (;;) {
    if (!page.next) {
      yield page.rows;
      return;
    }
    signal.throwIfAborted();
    const next = read(page.next, EXPORT_PAGE_SIZE);
    // Awaited below; if the consumer stops first, its failure has nobody left to tell.
    next.catch(() => undefined);
    yield page.rows;
    page = await next;
    signal.throwIfAborted();
  }
}

/** Values JSON cannot carry as they are: bytes as base64, bigints as text (dates become ISO text by themselves). */
function jsonRow(row: Row): Row {
  // Most rows hold neither: no copy for them (this runs for every row of the archive).
  if (!Object.values(row).some((value) => Buffer.isBuffer(value) || typeof value === 'bigint')) return row;
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
