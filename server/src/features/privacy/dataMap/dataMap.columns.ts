import type { TColumnSpec, TDataCategory, TMaskSpec } from './dataMap.types.js';

/** Shorthands the map files use, so each column reads as one line: `email: col('contact', keyedHash('email'))`. */
export function col(category: TDataCategory, mask?: TMaskSpec): TColumnSpec {
  return mask ? { category, mask } : { category };
}

export const NULL: TMaskSpec = { strategy: 'null' };
export const MONTH: TMaskSpec = { strategy: 'truncate_to_month' };
export const SHREDDED: TMaskSpec = { strategy: 'crypto_shred' };
export const ERASED_TEXT = '[erased]';

export function placeholder(value: string = ERASED_TEXT): TMaskSpec {
  return { strategy: 'placeholder', value };
}

export function keyedHash(format?: 'email'): TMaskSpec {
  return format ? { strategy: 'keyed_hash', format } : { strategy: 'keyed_hash' };
}

export function emptyJson(keep?: readonly string[]): TMaskSpec {
  return keep ? { strategy: 'empty_json', keep } : { strategy: 'empty_json' };
}

/** Columns every mirrored Stripe object has (billing migrations): bookkeeping of the mirror, no personal data. */
export const MIRROR_COLUMNS = {
  as_of: col('technical'),
  as_of_event_id: col('identifier'),
  deleted_at: col('technical'),
  synced_at: col('technical'),
} as const;
