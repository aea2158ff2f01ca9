import pg from 'pg';
import type { StripeObject } from '@opsdesk/stripe-emulator';

/**
 * The webhook bench's correctness check: after the stream, is every object in a mirror
 * in its final state? The final state of an object is its last version in the stream,
 * by event `created`, then emission order. Both mirrors are judged on the same fields —
 * the ones that change over an object's life and that the Stripe Sync Engine keeps as
 * columns — read from Opsdesk's `billing.<table>.data` and the engine's
 * `stripe.<table>` columns.
 *
 * A mismatch is checked once more against the object as the Stripe API (the emulator)
 * has it now, so a mirror holding a re-fetched state newer than any event is not
 * counted stale.
 */
export const CHECKED_FIELDS: Record<string, { opsdeskTable: string; syncTable: string; fields: string[] }> = {
  customer: { opsdeskTable: 'billing.customers', syncTable: 'stripe.customers', fields: ['email', 'name', 'description', 'metadata', 'balance', 'invoice_settings'] },
  subscription: { opsdeskTable: 'billing.subscriptions', syncTable: 'stripe.subscriptions', fields: ['status', 'cancel_at_period_end', 'cancel_at', 'canceled_at', 'ended_at', 'metadata', 'items', 'latest_invoice'] },
  invoice: { opsdeskTable: 'billing.invoices', syncTable: 'stripe.invoices', fields: ['status', 'amount_due', 'amount_paid', 'amount_remaining', 'total', 'attempt_count', 'status_transitions'] },
  charge: { opsdeskTable: 'billing.charges', syncTable: 'stripe.charges', fields: ['status', 'paid', 'captured', 'refunded', 'amount_refunded'] },
  refund: { opsdeskTable: 'billing.refunds', syncTable: 'stripe.refunds', fields: ['status', 'amount', 'reason'] },
  product: { opsdeskTable: 'billing.products', syncTable: 'stripe.products', fields: ['active', 'name', 'description', 'metadata'] },
  price: { opsdeskTable: 'billing.prices', syncTable: 'stripe.prices', fields: ['active', 'unit_amount', 'nickname', 'metadata', 'recurring'] },
};

export type FinalStates = Map<string, Map<string, StripeObject>>;

export function finalStates(events: StripeObject[]): FinalStates {
  const byType: FinalStates = new Map(Object.keys(CHECKED_FIELDS).map((type) => [type, new Map()]));
  const createdOf = new Map<string, number>();
  for (const event of events) {
    const object = (event.data as { object: StripeObject }).object;
    const objects = byType.get(String(object.object));
    if (!objects || !object.id) continue;
    const created = Number(event.created);
    if (created < (createdOf.get(object.id) ?? -Infinity)) continue;
    createdOf.set(object.id, created);
    objects.set(object.id, object);
  }
  return byType;
}

export interface MirrorVerdict {
  type: string;
  objects: number;
  correct: number;
  stale: number;
  missing: number;
  staleIds: string[];
  /** How many stale objects differ in each field (from the final state). */
  staleFields: Record<string, number>;
  /** The first stale object's first differing field, final vs stored. */
  example?: { id: string; field: string; expected: string; stored: string };
}

/** Reads the mirror's rows of each checked type as `{ field: value }`, keyed by id. */
export type MirrorReader = (type: string, ids: string[]) => Promise<Map<string, Record<string, unknown>>>;

export function opsdeskMirror(client: pg.Client): MirrorReader {
  return async (type, ids) => {
    const { rows } = await client.query<{ id: string; data: Record<string, unknown> }>(`select id, data from ${CHECKED_FIELDS[type]!.opsdeskTable} where id = any($1)`, [ids]);
    return new Map(rows.map((r) => [r.id, r.data]));
  };
}

export function syncEngineMirror(client: pg.Client): MirrorReader {
  return async (type, ids) => {
    const columns = ['id', ...CHECKED_FIELDS[type]!.fields].map((c) => `"${c}"`).join(', ');
    const { rows } = await client.query<Record<string, unknown> & { id: string }>(`select ${columns} from ${CHECKED_FIELDS[type]!.syncTable} where id = any($1)`, [ids]);
    return new Map(rows.map((r) => [r.id, r]));
  };
}

export async function checkMirror(read: MirrorReader, expected: FinalStates, retrieveNow: Retrieve): Promise<MirrorVerdict[]> {
  const verdicts: MirrorVerdict[] = [];
  for (const [type, objects] of expected) {
    const fields = CHECKED_FIELDS[type]!.fields;
    const stored = await read(type, [...objects.keys()]);
    const verdict: MirrorVerdict = { type, objects: objects.size, correct: 0, stale: 0, missing: 0, staleIds: [], staleFields: {} };
    for (const [id, object] of objects) {
      const row = stored.get(id);
      if (!row) verdict.missing += 1;
      else if (sameFields(fields, object, row) || sameFields(fields, await retrieveNow(type, id), row)) verdict.correct += 1;
      else {
        verdict.stale += 1;
        verdict.staleIds.push(id);
        const behind = fields.filter((f) => !sameFields([f], object, row));
        for (const field of behind) verdict.staleFields[field] = (verdict.staleFields[field] ?? 0) + 1;
        const field = behind[0]!;
        verdict.example ??= { id, field, expected: canonical(object[field], object[field]), stored: canonical(row[field], object[field]) };
      }
    }
    verdicts.push(verdict);
  }
  return verdicts;
}

/**
 * The object as the emulator has it now, as raw JSON: through the SDK, `amount_decimal`
 * would come back as a Decimal object, not the string the webhook carried.
 */
export function emulatorRetriever(apiBase: string, apiKey: string): Retrieve {
  return async (type, id) => {
    const response = await fetch(`${apiBase}/v1/${RESOURCE_PATHS[type]}/${id}`, { headers: { authorization: `Bearer ${apiKey}` } });
    return response.ok ? ((await response.json()) as Record<string, unknown>) : {};
  };
}

export type Retrieve = (type: string, id: string) => Promise<Record<string, unknown>>;

const RESOURCE_PATHS: Record<string, string> = { customer: 'customers', subscription: 'subscriptions', invoice: 'invoices', charge: 'charges', refund: 'refunds', product: 'products', price: 'prices' };

function sameFields(fields: string[], expected: Record<string, unknown>, row: Record<string, unknown>): boolean {
  return fields.every((field) => canonical(expected[field], expected[field]) === canonical(row[field], expected[field]));
}

/** One text per value whatever the store: bigint columns come back as strings, timestamps as Dates, jsonb parsed or as text. */
function canonical(value: unknown, like: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Date) return String(Math.floor(value.getTime() / 1000));
  if (typeof value === 'bigint') return String(value);
  if (typeof like === 'number' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return String(Number(value));
  if (typeof value === 'string' && typeof like === 'object' && like !== null) {
    try {
      return canonical(JSON.parse(value), like);
    } catch {
      return JSON.stringify(value);
    }
  }
  return stableJson(value);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return typeof value === 'bigint' ? String(value) : JSON.stringify(value ?? null);
}
