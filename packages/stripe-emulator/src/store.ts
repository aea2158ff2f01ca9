import { ID_PREFIX } from './ids.js';
import { notFound } from './wire/errors.js';

/** Every stored object is the wire shape itself, so responses are plain clones. */
export type StripeObject = { id: string; object: string; [key: string]: any };

interface Row {
  obj: StripeObject;
  seq: number;
}

const PREFIX_TO_TYPE = new Map<string, string>(Object.entries(ID_PREFIX).map(([type, prefix]) => [prefix, type]));

/**
 * In-memory object store keyed by Stripe object type. Insertion sequence breaks ties
 * between objects created in the same second so "newest first" lists are stable.
 */
export class Store {
  private seq = 0;
  private readonly tables = new Map<string, Map<string, Row>>();

  private table(type: string): Map<string, Row> {
    let t = this.tables.get(type);
    if (!t) this.tables.set(type, (t = new Map()));
    return t;
  }

  insert<T extends StripeObject>(obj: T): T {
    this.table(obj.object).set(obj.id, { obj, seq: ++this.seq });
    return obj;
  }

  get(type: string, id: string): StripeObject | undefined {
    return this.tables.get(type)?.get(id)?.obj;
  }

  /** Fetch or answer 404 the way Stripe does ("No such customer: 'cus_x'"). */
  require(type: string, id: unknown, param = 'id'): StripeObject {
    const obj = typeof id === 'string' ? this.get(type, id) : undefined;
    if (!obj) throw notFound(type, String(id), param);
    return obj;
  }

  remove(type: string, id: string): void {
    this.tables.get(type)?.delete(id);
  }

  /** Newest first (created desc, then insertion order desc), as Stripe lists. */
  list(type: string, filter?: (o: StripeObject) => boolean): StripeObject[] {
    const rows = [...(this.tables.get(type)?.values() ?? [])].filter((r) => !filter || filter(r.obj));
    rows.sort((a, b) => (b.obj.created ?? 0) - (a.obj.created ?? 0) || b.seq - a.seq);
    return rows.map((r) => r.obj);
  }

  /** Every row with its insertion sequence: what persistence saves. */
  dump(): { seq: number; rows: Array<{ seq: number; obj: StripeObject }> } {
    const rows = [...this.tables.values()].flatMap((t) => [...t.values()]);
    return { seq: this.seq, rows: rows.map((r) => ({ seq: r.seq, obj: r.obj })) };
  }

  /** Replaces the contents with a dump, keeping the saved sequence so list order survives. */
  load(dump: { seq: number; rows: Array<{ seq: number; obj: StripeObject }> }): void {
    this.tables.clear();
    for (const row of [...dump.rows].sort((a, b) => a.seq - b.seq)) this.table(row.obj.object).set(row.obj.id, { obj: row.obj, seq: row.seq });
    this.seq = dump.seq;
  }

  /** Resolve any id by its prefix (used by expand). Coupons have free-form ids. */
  findById(id: string): StripeObject | undefined {
    const prefix = id.slice(0, id.indexOf('_'));
    const type = PREFIX_TO_TYPE.get(prefix);
    return (type && this.get(type, id)) || this.get('coupon', id);
  }
}
