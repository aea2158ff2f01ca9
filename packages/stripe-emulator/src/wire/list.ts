import type { StripeObject } from '../store.js';
import { invalidRequest } from './errors.js';
import { int, str, type Params } from './params.js';

export interface ListEnvelope {
  object: 'list';
  data: StripeObject[];
  has_more: boolean;
  url: string;
}

/**
 * Cursor pagination over a newest-first array, as Stripe does: `starting_after` pages
 * towards older objects, `ending_before` towards newer ones; data stays newest-first.
 */
export function paginate(items: StripeObject[], p: Params, url: string): ListEnvelope {
  const limit = int(p, 'limit') ?? 10;
  if (limit < 1 || limit > 100) throw invalidRequest('Invalid limit: must be between 1 and 100', 'limit');
  const startingAfter = str(p, 'starting_after');
  const endingBefore = str(p, 'ending_before');
  if (startingAfter && endingBefore) {
    throw invalidRequest('You may only specify one of these parameters: starting_after, ending_before.', 'starting_after');
  }
  if (startingAfter) {
    const idx = indexOf(items, startingAfter, 'starting_after');
    const page = items.slice(idx + 1, idx + 1 + limit);
    return { object: 'list', data: page, has_more: idx + 1 + limit < items.length, url };
  }
  if (endingBefore) {
    const idx = indexOf(items, endingBefore, 'ending_before');
    const start = Math.max(0, idx - limit);
    return { object: 'list', data: items.slice(start, idx), has_more: start > 0, url };
  }
  return { object: 'list', data: items.slice(0, limit), has_more: items.length > limit, url };
}

function indexOf(items: StripeObject[], id: string, param: string): number {
  const idx = items.findIndex((o) => o.id === id);
  if (idx === -1) throw invalidRequest(`No such object: '${id}'`, param, 'resource_missing');
  return idx;
}

/** A fully-embedded sub-list (subscription.items, invoice.lines) as Stripe renders it. */
export function embeddedList(data: StripeObject[], url: string): ListEnvelope & { total_count: number } {
  return { object: 'list', data, has_more: false, total_count: data.length, url };
}
