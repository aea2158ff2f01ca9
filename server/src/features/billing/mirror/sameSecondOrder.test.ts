import { describe, expect, it } from 'vitest';
import { MIRROR_KINDS } from './mirrorKinds.js';
import type { MirrorState } from './mirrorState.js';
import { newestOfSecond } from './sameSecondOrder.js';

/** States of one subscription in one second, as events carry them (previous_attributes as Stripe writes them). */
const T = 1_800_000_000;
let sequence = 0;
function state(fields: Record<string, unknown>, options: { previous?: Record<string, unknown>; origin?: boolean; final?: boolean } = {}): MirrorState {
  const object = { id: 'sub_1', object: 'subscription', status: 'active', cancel_at_period_end: false, metadata: {}, quantity: 1, ...fields };
  return { kind: MIRROR_KINDS.subscription, object, asOf: T, eventId: `evt_${++sequence}`, deleted: false, ...options };
}

const created = state({}, { origin: true });
const tagged = state({ metadata: { plan: 'pro' } }, { previous: { metadata: {} } });
const canceling = state({ metadata: { plan: 'pro' }, cancel_at_period_end: true }, { previous: { cancel_at_period_end: false } });
const undone = state({ metadata: { plan: 'pro' }, cancel_at_period_end: false }, { previous: { cancel_at_period_end: true } });

describe('newestOfSecond: ordering one second by previous_attributes', () => {
  it('finds the last state of a chain whatever order the events arrived in', () => {
    expect(newestOfSecond([canceling, created, tagged], { before: [] })).toBe(canceling);
  });

  it('ends a change and its undoing on the undoing, though its state repeats an earlier one', () => {
    expect(newestOfSecond([undone, tagged, canceling, created], { before: [] })).toBe(undone);
  });

  it('ignores fields that changed without an event, and anchors on the state of an earlier second', () => {
    const earlier = { ...created.object, next_invoice_sequence: 1 };
    const later = state({ metadata: { plan: 'pro' }, next_invoice_sequence: 2 }, { previous: { metadata: {} } });
    const last = state({ metadata: { plan: 'pro' }, next_invoice_sequence: 2, quantity: 3 }, { previous: { quantity: 1 } });
    expect(newestOfSecond([last, later], { before: [earlier] })).toBe(last);
  });

  it('orders independent changes: a later state keeps the fields the earlier one changed', () => {
    const seats = state({ metadata: { plan: 'pro' }, quantity: 5 }, { previous: { quantity: 1 } });
    expect(newestOfSecond([seats, created, tagged], { before: [] })).toBe(seats);
  });

  it('places a late event before states applied earlier when it came before them (the undoing stays the newest)', () => {
    // Applied earlier: created, tagged, undone (re-fetched then); the cancel arrives late.
    expect(newestOfSecond([created, tagged, undone, canceling], { before: [] })).toBe(undone);
  });

  it('asks Stripe (null) when the events cannot tell', () => {
    // No chain: the undoing's previous state (canceling) was not delivered yet, and nothing anchors it.
    expect(newestOfSecond([tagged, undone], { before: [] })).toBeNull();
    // Two states that do not say what came before them.
    expect(newestOfSecond([state({ quantity: 2 }), state({ quantity: 3 })], { before: [] })).toBeNull();
    // Two different continuations of one state.
    const other = state({ metadata: {}, quantity: 9 }, { previous: { quantity: 1 } });
    expect(newestOfSecond([created, tagged, other], { before: [] })).toBeNull();
    // A chain whose first event follows no known state.
    expect(newestOfSecond([canceling, undone], { before: [] })).toBeNull();
    // A deletion.
    expect(newestOfSecond([created, { ...tagged, deleted: true }], { before: [] })).toBeNull();
  });

  it('drops a repeat that does not say what came before it, and takes a final event as the newest', () => {
    const repeat = state({ metadata: { plan: 'pro' } });
    expect(newestOfSecond([created, repeat, tagged], { before: [] })).toBe(tagged);
    const ended = state({ status: 'canceled' }, { final: true });
    expect(newestOfSecond([ended, created, tagged], { before: [] })).toBe(ended);
  });
});
