import pg from 'pg';

/**
 * What the capacity bench's traffic is made of, read from the seeded demo company once
 * seeding is done: real customers to search for and open, and the Stripe customers the
 * webhook events are about.
 */
export interface BenchCustomer {
  userId: string;
  email: string;
  name: string;
  workspace: string | null;
  stripeCustomerId: string | null;
}

export interface MirroredStripeCustomer {
  id: string;
  /** The Stripe object as last mirrored. */
  data: Record<string, unknown>;
  /** Unix seconds of the event the mirror holds it as of: a new event must be later. */
  asOf: number;
}

export interface BenchData {
  customers: BenchCustomer[];
  /** Owners of paying workspaces: the customers support opens most, with the fullest pages. */
  payingUserIds: string[];
  stripeCustomers: MirroredStripeCustomer[];
  apiVersion: string;
}

export async function readBenchData(databaseUrl: string, sampleSize = 400): Promise<BenchData> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'opsdesk-bench' });
  await client.connect();
  try {
    const customers = await client.query<BenchCustomer>(
      `select u.id as "userId", u.email, u.name, w.name as workspace, w.stripe_customer_id as "stripeCustomerId"
       from app.users u left join app.workspaces w on w.owner_user_id = u.id
       where u.status = 'active' order by random() limit $1`,
      [sampleSize],
    );
    const paying = await client.query<{ userId: string }>(
      `select w.owner_user_id as "userId" from app.workspaces w where w.stripe_customer_id is not null`,
    );
    const stripeCustomers = await client.query<{ id: string; data: Record<string, unknown>; asOf: string }>(
      `select id, data, as_of::text as "asOf" from billing.customers where deleted_at is null`,
    );
    const version = await client.query<{ apiVersion: string }>(`select api_version as "apiVersion" from ops.stripe_events order by created desc limit 1`);
    if (customers.rows.length === 0) throw new Error('the demo company has no customers (was it seeded?)');
    if (stripeCustomers.rows.length === 0) throw new Error('the demo company has no Stripe customers in the mirror (did its webhooks arrive?)');
    return {
      customers: customers.rows,
      payingUserIds: paying.rows.map((row) => row.userId),
      stripeCustomers: stripeCustomers.rows.map((row) => ({ id: row.id, data: row.data, asOf: Number(row.asOf) })),
      apiVersion: version.rows[0]?.apiVersion ?? '2025-03-31.basil',
    };
  } finally {
    await client.end();
  }
}
