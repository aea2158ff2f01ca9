import { once } from 'node:events';
import type { Response } from 'express';
import { csvField } from '../../../http/csvField.js';

/**
 * CSV for finance tools. Text cells go through the customer export's csvField (RFC 4180,
 * a cell that could start a spreadsheet formula prefixed with '); numbers are written as
 * plain numbers so they import as numbers. Money is a decimal in the currency's major
 * unit ("-29.00": a dot, two places, no thousands separator, no symbol), written from
 * the integer cents by string arithmetic, never through a float, with the currency in a
 * column of its own: Excel, Google Sheets, Numbers, pandas and accounting imports all
 * read that as an exact number, where "1,234.56 USD" would arrive as text.
 */
export interface Money {
  cents: number;
}
export type CsvCell = string | number | Money | null;

export const money = (cents: number): Money => ({ cents });

/** 123456 → "1234.56", -5 → "-0.05". */
export function decimalFromCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`money must be whole cents, got ${cents}`);
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${cents < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

function csvCell(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return csvField(cell);
  // Numbers are ours (counts, ratios), never a person's text: a leading minus is a sign, not a formula.
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new RangeError(`not a number: ${cell}`);
    return String(cell);
  }
  return decimalFromCents(cell.cents);
}

export const csvLine = (cells: readonly CsvCell[]): string => `${cells.map(csvCell).join(',')}\r\n`;

export interface CsvTable {
  columns: readonly string[];
  /** Rows in batches: a drill-down reads its keyset pages as they are sent. */
  batches: AsyncIterable<CsvCell[][]>;
}

/** Writes the header and every batch, waiting for the socket to drain; a client that goes away stops the reads. */
export async function streamCsv(res: Response, fileName: string, table: CsvTable): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
  let closed = false;
  res.on('close', () => (closed = true));
  await write(res, csvLine(table.columns));
  for await (const rows of table.batches) {
    if (rows.length > 0) await write(res, rows.map(csvLine).join(''));
    if (closed) break;
  }
  res.end();
}

async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
}
