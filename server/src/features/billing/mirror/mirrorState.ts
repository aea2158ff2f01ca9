import type { MirrorKind, StripeObject } from './mirrorKinds.js';

/**
 * One state of one Stripe object, as an event carried it (its `created` and id) or as a
 * fetch returned it (the fetch time, no event). Webhook batches and the backfill both
 * hand the mirror a list of these.
 */
export interface MirrorState {
  kind: MirrorKind;
  object: StripeObject;
  asOf: number;
  eventId: string | null;
  /** A `*.deleted` event: the object is gone at Stripe. */
  deleted: boolean;
  /** The event's `data.previous_attributes`: what the changed fields were just before (sameSecondOrder.ts). */
  previous?: Record<string, unknown>;
  /** The event that brings the object into being (`*.created`): no state of it comes before. */
  origin?: boolean;
  /** The event after which the object no longer changes (`customer.subscription.deleted`). */
  final?: boolean;
  /** `object` is exactly the `data.object` of ledger event `eventId`: the mirror copies it from there (upsertMirrorRows). */
  snapshotInLedger?: boolean;
}

/** The states of one object that could be its newest: all of them from its newest second. */
export interface ObjectPlan {
  kind: MirrorKind;
  id: string;
  asOf: number;
  candidates: MirrorState[];
  /** The states of its second before that in the batch, if any (what the newest second's first event may follow). */
  earlier?: MirrorState[];
}

/**
 * Coalescing: of all the states of one object in a batch only those of its newest
 * second matter (older ones are superseded whatever order they arrived in).
 */
export function planStates(states: MirrorState[]): ObjectPlan[] {
  const plans = new Map<string, ObjectPlan>();
  for (const state of states) {
    const key = `${state.kind.table}:${state.object.id}`;
    const plan = plans.get(key);
    if (!plan) plans.set(key, { kind: state.kind, id: state.object.id, asOf: state.asOf, candidates: [state] });
    else if (state.asOf > plan.asOf) plans.set(key, { kind: state.kind, id: state.object.id, asOf: state.asOf, candidates: [state], earlier: plan.candidates });
    else if (state.asOf === plan.asOf) plan.candidates.push(state);
    else if (!plan.earlier || state.asOf > plan.earlier[0]!.asOf) plan.earlier = [state];
    else if (state.asOf === plan.earlier[0]!.asOf) plan.earlier.push(state);
  }
  return [...plans.values()];
}

/** Two snapshots say the same thing (key order aside), deletion included. */
export function sameState(a: { object: unknown; deleted: boolean }, b: { object: unknown; deleted: boolean }): boolean {
  return a.deleted === b.deleted && fingerprint(a.object) === fingerprint(b.object);
}

/** A snapshot's canonical text, made once per snapshot (a batch compares each several times). */
const fingerprints = new WeakMap<object, string>();
function fingerprint(value: unknown): string {
  if (!value || typeof value !== 'object') return stableJson(value);
  let text = fingerprints.get(value);
  if (text === undefined) fingerprints.set(value, (text = stableJson(value)));
  return text;
}

/** JSON with sorted keys, as JSON.stringify would write the value (toJSON honoured: the SDK's Decimal amounts); an object's is made once. */
export const canonicalJson = (value: unknown): string => fingerprint(value);

function stableJson(value: unknown): string {
  if (value && typeof (value as { toJSON?: unknown }).toJSON === 'function') return stableJson((value as { toJSON: () => unknown }).toJSON());
  if (typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
