import type { StripeObject } from '../store.js';
import { invalidRequest } from './errors.js';

/**
 * Resolves `expand[]` paths like `latest_invoice.payments.data.payment.payment_intent`.
 * An id string is replaced by the object it names; a field that is absent unless asked for
 * ("includable", e.g. invoice.payments) is produced by `include`.
 */
export interface ExpandSources {
  resolve(id: string): StripeObject | undefined;
  include(parent: StripeObject, field: string): unknown;
}

export function applyExpand(body: unknown, paths: string[], sources: ExpandSources): void {
  for (const path of paths) {
    const segs = path.split('.');
    // `data` steps into a list and is not counted as a level.
    if (segs.filter((s) => s !== 'data').length > 4) throw invalidRequest(`You cannot expand more than 4 levels of a property. Property: ${path}`, 'expand');
    walk(body, segs, sources);
  }
}

function walk(node: unknown, segs: string[], sources: ExpandSources): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(x, segs, sources);
    return;
  }
  if (typeof node !== 'object' || node === null || segs.length === 0) return;
  const rec = node as Record<string, unknown>;
  const [seg, ...rest] = segs as [string, ...string[]];
  let value = rec[seg];
  if (value === undefined && typeof rec.object === 'string') {
    value = sources.include(rec as StripeObject, seg);
    if (value !== undefined) rec[seg] = value;
  }
  if (typeof value === 'string') {
    const found = sources.resolve(value);
    if (found) rec[seg] = value = structuredClone(found);
  } else if (Array.isArray(value)) {
    // e.g. discounts: ['di_…'] → expand each id
    rec[seg] = value = value.map((v) => (typeof v === 'string' ? structuredClone(sources.resolve(v) ?? v) : v));
  }
  walk(value, rest, sources);
}
