import { formatMoney, type RunbookCellValue, type RunbookValueKind } from '@opsdesk/shared';
import { formatDateTime } from '../../app/formatDateTime';

/**
 * How the console shows a value of a plan or a result, by its kind: durations in words,
 * timestamps as local dates, money with the shared formatter. One place, so every action
 * reads alike without a page of its own.
 */
export function formatRunbookValue(value: RunbookCellValue | undefined, kind: RunbookValueKind = 'text', currency?: RunbookCellValue): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  switch (kind) {
    case 'ms':
      return typeof value === 'number' ? durationInWords(value) : String(value);
    case 'seconds':
      return typeof value === 'number' ? durationInWords(value * 1000) : String(value);
    case 'datetime': {
      const text = formatDateTime(value);
      return text === '—' ? String(value) : text;
    }
    case 'cents':
      return typeof value === 'number' ? formatMoney(value, typeof currency === 'string' ? currency : null) : String(value);
    case 'number':
      // No thousands separators: numbers here are as often ids (pids, ports) as counts.
      return String(value);
    default:
      return String(value);
  }
}

const UNITS: Array<[string, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/** "2 hours 5 minutes", "12 seconds", "350 ms": the two largest units, rounded down. */
export function durationInWords(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 1_000) return `${sign}${Math.round(abs)} ms`;
  const parts: string[] = [];
  let rest = abs;
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0 && parts.length < 2) parts.push(`${count} ${unit}${count === 1 ? '' : 's'}`);
    else if (parts.length > 0) break;
    rest -= count * size;
  }
  return sign + parts.join(' ');
}
