import { sql } from 'kysely';
import type { TPrivacySubject } from '@opsdesk/shared';
import type { DbOrTrx } from '../../../db/database.js';

/** Who a request is about, as far as the product and the Stripe mirror know them. */
export interface ResolvedSubject {
  userId: string | null;
  /** The Stripe customers of the workspaces the user owns, plus those found directly. */
  customerIds: string[];
  /** Every address found for them (the user's, their customers'), first seen first. */
  emails: string[];
  /** "Name <email>" for the console; null when nothing was found (the request is still recorded and answered). */
  label: string | null;
}

interface Found {
  user: { id: string; email: string; name: string } | undefined;
  customers: { id: string; email: string | null; name: string | null }[];
}

function findUser(db: DbOrTrx, where: { id: string } | { email: string }) {
  let query = db.selectFrom('app.users').select(['id', 'email', 'name']);
  query = 'id' in where ? query.where('id', '=', where.id) : query.where(sql<string>`lower(email)`, '=', where.email.toLowerCase());
  return query.executeTakeFirst();
}

function findCustomers(db: DbOrTrx, where: { ids: string[] } | { email: string }) {
  let query = db.selectFrom('billing.customers').select(['id', 'email', 'name']);
  if ('ids' in where) {
    if (where.ids.length === 0) return Promise.resolve([]);
    query = query.where('id', 'in', where.ids);
  } else {
    query = query.where(sql<string>`lower(email)`, '=', where.email.toLowerCase());
  }
  return query.orderBy('id').execute();
}

/** Stripe customer ids of the workspaces the user owns (the workspace is the paying unit). */
async function ownedCustomerIds(db: DbOrTrx, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('app.workspaces').select('stripeCustomerId').where('ownerUserId', '=', userId).where('stripeCustomerId', 'is not', null).orderBy('createdAt').execute();
  return rows.map((row) => row.stripeCustomerId!);
}

async function ownerOfCustomer(db: DbOrTrx, customerId: string): Promise<string | undefined> {
  const row = await db.selectFrom('app.workspaces').select('ownerUserId').where('stripeCustomerId', '=', customerId).executeTakeFirst();
  return row?.ownerUserId;
}

async function findDirectly(db: DbOrTrx, subject: TPrivacySubject): Promise<Found> {
  switch (subject.kind) {
    case 'email':
      return { user: await findUser(db, { email: subject.value }), customers: await findCustomers(db, { email: subject.value }) };
    case 'user_id':
      return { user: await findUser(db, { id: subject.value }), customers: [] };
    case 'stripe_customer_id': {
      const ownerId = await ownerOfCustomer(db, subject.value);
      const customers = await findCustomers(db, { ids: [subject.value] });
      // A workspace may name a customer the mirror has not seen yet: it still belongs to the subject.
      return { user: ownerId ? await findUser(db, { id: ownerId }) : undefined, customers: customers.length > 0 ? customers : ownerId ? [{ id: subject.value, email: null, name: null }] : [] };
    }
  }
}

/**
 * Resolves a request's subject to every record that identifies them: the product user
 * (by email, case-insensitively, or id), the Stripe customers of the workspaces they
 * own, and customers found directly (by email or id). An unknown subject resolves to
 * nothing — the request is recorded all the same, since it must be answered.
 */
export async function resolveSubject(db: DbOrTrx, subject: TPrivacySubject): Promise<ResolvedSubject> {
  const { user, customers: direct } = await findDirectly(db, subject);
  const owned = user ? await ownedCustomerIds(db, user.id) : [];
  const known = new Set(direct.map((customer) => customer.id));
  const customers = [...direct, ...(await findCustomers(db, { ids: owned.filter((id) => !known.has(id)) }))];
  const customerIds = [...new Set([...direct.map((c) => c.id), ...owned])];

  const emails: string[] = [];
  for (const email of [user?.email, ...customers.map((c) => c.email)]) {
    if (email && !emails.some((seen) => seen.toLowerCase() === email.toLowerCase())) emails.push(email);
  }
  const named = user ?? customers.find((c) => c.name || c.email);
  const label = named ? labelOf(named.name ?? null, named.email ?? emails[0] ?? null) : customerIds.length > 0 ? customerIds[0]! : null;
  return { userId: user?.id ?? null, customerIds, emails, label };
}

/** At most 500 characters (the column's limit): names come from the product and from Stripe. */
function labelOf(name: string | null, email: string | null): string | null {
  const label = name && email && name !== email ? `${name} <${email}>` : (name ?? email);
  return label ? label.slice(0, 500) : null;
}
