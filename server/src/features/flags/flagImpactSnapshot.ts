import { FLAG_SUBSCRIPTION_STATUSES } from '@opsdesk/shared';
import type { Db } from '../../db/database.js';
import { hasProductSchema, readImpactSnapshotRows, type ImpactSnapshotRow } from './flagImpact.queries.js';

/**
 * The product's accounts held in memory, column by column, for the impact preview
 * (docs/flags.md, "Impact preview"): reading 1M accounts from PostgreSQL takes seconds,
 * evaluating them a fraction of that, so the preview evaluates a snapshot read once and
 * re-read in the background when older than `maxAgeMs`, answering from the old one
 * meanwhile (stale-while-revalidate; the answer says `asOf`). Columns are typed arrays
 * and small-int codes into dictionaries (plan, country, workspace, customer); only user
 * ids stay one string each, because the rollout hash needs them: 1M accounts take about
 * 106 MiB.
 * The product tables have no `updated_at`, so the snapshot is re-read whole.
 */

/** Codes for a column of repeated strings (null: -1). */
class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  code(value: string | null): number {
    if (value === null) return -1;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.push(value) - 1;
      this.codes.set(value, code);
    }
    return code;
  }
}

type IntArray = Int32Array | Uint8Array | Float64Array;

/** A typed array that doubles as it fills (the account count is not known before the read). */
class Column<T extends IntArray> {
  private array: T;
  length = 0;
  constructor(private readonly create: (size: number) => T) {
    this.array = create(1024);
  }

  set(index: number, value: number): void {
    while (index >= this.array.length) {
      const grown = this.create(this.array.length * 2);
      grown.set(this.array as never);
      this.array = grown;
    }
    this.array[index] = value;
    this.length = Math.max(this.length, index + 1);
  }

  trimmed(): T {
    return this.array.subarray(0, this.length) as T;
  }
}

const STATUS_CODES = new Map<string, number>(FLAG_SUBSCRIPTION_STATUSES.map((status, code) => [status, code]));

export interface AccountSnapshot {
  /** Accounts, in signup order (the row-by-row order, so the sample is the same). */
  readonly size: number;
  /** When PostgreSQL read the accounts. */
  readonly asOf: Date;
  /** This process's clock when the read began (the age is measured on it, not on the database's clock). */
  readonly readAt: number;
  /** How long the read took. */
  readonly readMs: number;
  readonly userIds: readonly string[];
  /** Per account, a code into the dictionary beside it, -1 for none. */
  readonly workspace: Int32Array;
  readonly workspaces: readonly string[];
  readonly plan: Int32Array;
  readonly plans: readonly string[];
  readonly country: Int32Array;
  readonly countries: readonly string[];
  /** The Stripe customer (with an id); its MRR in cents (0 without a current MRR point). */
  readonly customer: Int32Array;
  readonly customers: readonly string[];
  readonly customerMrrCents: Float64Array;
  /** An index into FLAG_SUBSCRIPTION_STATUSES: `none` without a customer or subscription, or for an unknown status. */
  readonly status: Uint8Array;
  /** YYYYMMDD (UTC). */
  readonly signupDate: Int32Array;
}

const READ_BATCH = 50_000;

/** Reads every account once (one cursor over one set-based query); an empty snapshot without the product schema. */
export async function readAccountSnapshot(db: Db): Promise<AccountSnapshot> {
  const started = performance.now();
  const readAt = Date.now();
  const userIds: string[] = [];
  const workspaces = new Dictionary();
  const plans = new Dictionary();
  const countries = new Dictionary();
  const customers = new Dictionary();
  const columns = {
    workspace: new Column((n) => new Int32Array(n)),
    plan: new Column((n) => new Int32Array(n)),
    country: new Column((n) => new Int32Array(n)),
    customer: new Column((n) => new Int32Array(n)),
    status: new Column((n) => new Uint8Array(n)),
    signupDate: new Column((n) => new Int32Array(n)),
    customerMrrCents: new Column((n) => new Float64Array(n)),
  };
  const add = (row: ImpactSnapshotRow) => {
    const i = userIds.push(row.userId) - 1;
    columns.workspace.set(i, workspaces.code(row.workspaceId));
    columns.plan.set(i, plans.code(row.plan));
    columns.country.set(i, countries.code(row.country));
    // As the row-by-row path: an empty customer id is no customer.
    const customer = row.stripeCustomerId ? customers.code(row.stripeCustomerId) : -1;
    columns.customer.set(i, customer);
    if (customer >= 0) columns.customerMrrCents.set(customer, Number(row.mrrCents ?? 0));
    columns.status.set(i, customer >= 0 ? (STATUS_CODES.get(row.subscriptionStatus ?? 'none') ?? 0) : 0);
    columns.signupDate.set(i, row.signupDate);
  };
  const asOf = (await hasProductSchema(db)) ? await readImpactSnapshotRows(db, READ_BATCH, (rows) => rows.forEach(add)) : new Date();
  return {
    size: userIds.length,
    asOf,
    readAt,
    readMs: performance.now() - started,
    userIds,
    workspace: columns.workspace.trimmed(),
    workspaces: workspaces.values,
    plan: columns.plan.trimmed(),
    plans: plans.values,
    country: columns.country.trimmed(),
    countries: countries.values,
    customer: columns.customer.trimmed(),
    customers: customers.values,
    customerMrrCents: columns.customerMrrCents.trimmed(),
    status: columns.status.trimmed(),
    signupDate: columns.signupDate.trimmed(),
  };
}

export interface SnapshotPolicy {
  /** A snapshot older than this is re-read in the background; the preview answers from it meanwhile. */
  maxAgeMs: number;
  /**
   * A product with fewer accounts than this is re-read for every preview (50,000 read in
   * about 0.2 s): small products (tests, demos, most companies) keep exact, current
   * answers, and only large ones trade freshness for speed. A count, not a read time, so
   * the choice does not depend on how busy the machine is.
   */
  rereadBelowAccounts: number;
}

export const DEFAULT_SNAPSHOT_POLICY: SnapshotPolicy = { maxAgeMs: 60_000, rereadBelowAccounts: 50_000 };

interface SnapshotHolder {
  current: AccountSnapshot | null;
  reading: Promise<AccountSnapshot> | null;
}

/** One holder per database (keyed by the `db` instance, dropped with it). */
const holders = new WeakMap<Db, SnapshotHolder>();

function holderOf(db: Db): SnapshotHolder {
  let holder = holders.get(db);
  if (!holder) holders.set(db, (holder = { current: null, reading: null }));
  return holder;
}

/** Reads the accounts now (joining a read already under way) and keeps the result. */
export function refreshAccountSnapshot(db: Db): Promise<AccountSnapshot> {
  const holder = holderOf(db);
  holder.reading ??= readAccountSnapshot(db)
    .then((snapshot) => (holder.current = snapshot))
    .finally(() => (holder.reading = null));
  return holder.reading;
}

/** The snapshot a preview evaluates, per the policy: kept, re-read first, or kept while re-read in the background. */
export async function accountSnapshotFor(db: Db, policy: SnapshotPolicy = DEFAULT_SNAPSHOT_POLICY): Promise<AccountSnapshot> {
  const { current } = holderOf(db);
  if (!current || current.size < policy.rereadBelowAccounts) return refreshAccountSnapshot(db);
  if (Date.now() - current.readAt > policy.maxAgeMs) {
    // A failed background read keeps the old snapshot; the next preview tries again.
    refreshAccountSnapshot(db).catch(() => undefined);
  }
  return current;
}

/**
 * At server start, in the background: reads the snapshot so the first preview does not
 * wait for it. Cheap without the product schema (one catalogue lookup); never throws.
 */
export async function warmAccountSnapshot(db: Db): Promise<void> {
  try {
    if (await hasProductSchema(db)) await refreshAccountSnapshot(db);
  } catch {
    // The first preview reads it instead (and reports a failure to its caller).
  }
}
