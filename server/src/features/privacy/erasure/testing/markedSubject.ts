import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { TestApp } from '../../../../testing/testApp.js';
import type { Catalog } from '../../../customers/testing/customerFixtures.js';

/**
 * A data subject for the erasure's proofs: one unique marker string written into every
 * personal column the product and Opsdesk have — the user (email, name), their workspace,
 * content, reports they filed and reports about them, appeals, sessions, a Stripe customer
 * (name, email, phone, address, metadata) with a subscription and its paid invoice (the
 * mirror and the webhook ledger filled by the emulator's webhooks), a staff note and a
 * suspension whose reason names them (both through the real procedures, so the audit log
 * has their rows). After an erasure, residualScan.ts must find the marker nowhere.
 *
 * Needs an app that listens with its webhooks connected (`await app.listen()`) and the
 * catalog from prepareCustomerTests.
 */
export interface MarkedSubject {
  marker: string;
  userId: string;
  email: string;
  workspaceId: string;
  stripeCustomerId: string;
  subscriptionId: string;
  contentIds: string[];
}

/** `mk` + 12 hex digits: unique per test, and never found by chance. */
export const newMarker = (): string => `mk${randomBytes(6).toString('hex')}`;

export interface SeedOptions {
  marker?: string;
  /** Extra app.usage_events rows (no personal text, but rows to erase: makes a job long enough to kill). */
  usageEvents?: number;
  /** Someone else who reported this subject's content and account (their reports must go with it). */
  reporterUserId?: string;
  /** Someone else's content and account this subject reported. */
  reports?: { contentId: string; userId: string };
}

export async function seedMarkedSubject(app: TestApp, catalog: Catalog, options: SeedOptions = {}): Promise<MarkedSubject> {
  const marker = options.marker ?? newMarker();
  const email = `${marker}@example.test`;
  const stripe = app.deps.stripe;
  const db = app.db;

  const user = await db.insertInto('app.users').values({ email, name: `Person ${marker}`, country: 'DE' }).returning('id').executeTakeFirstOrThrow();
  const customer = await stripe.customers.create({
    email,
    name: `Person ${marker}`,
    phone: `+49 30 ${marker}`,
    address: { line1: `${marker} Street 1`, city: 'Berlin', postal_code: '10115', country: 'DE' },
    metadata: { marker, note: `customer ${marker}` },
    invoice_settings: { default_payment_method: 'pm_card_visa' },
  });
  const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: catalog.pro }], metadata: { marker } });
  const workspace = await db
    .insertInto('app.workspaces')
    .values({ name: `${marker}'s workspace`, ownerUserId: user.id, plan: 'pro', stripeCustomerId: customer.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('app.workspaceMembers').values({ workspaceId: workspace.id, userId: user.id, role: 'owner' }).execute();

  const content = await db
    .insertInto('app.content')
    .values([0, 1, 2].map((i) => ({ userId: user.id, workspaceId: workspace.id, kind: 'post', title: `Post ${i} by ${marker}`, body: `Written by ${marker}, post ${i}` })))
    .returning('id')
    .execute();
  const contentIds = content.map((c) => c.id);
  if (options.reporterUserId) {
    await db.insertInto('app.contentReports').values({ contentId: contentIds[0]!, reporterUserId: options.reporterUserId, reasonCode: 'spam', details: `Spam by ${marker}` }).execute();
    await db.insertInto('app.accountReports').values({ reportedUserId: user.id, reporterUserId: options.reporterUserId, reasonCode: 'harassment', details: `${marker} harasses me` }).execute();
  }
  if (options.reports) {
    await db.insertInto('app.contentReports').values({ contentId: options.reports.contentId, reporterUserId: user.id, reasonCode: 'other', details: `Reported by ${marker}` }).execute();
    await db.insertInto('app.accountReports').values({ reportedUserId: options.reports.userId, reporterUserId: user.id, reasonCode: 'spam', details: `Filed by ${marker}` }).execute();
  }
  // app.moderation_appeals has no Kysely type (the product's table, read by moderation through SQL).
  await sql`insert into app.moderation_appeals (decision_id, appellant_user_id, statement) values (${randomUUID()}::uuid, ${user.id}::uuid, ${`I, ${marker}, appeal`})`.execute(db);
  if (options.usageEvents) {
    await sql`insert into app.usage_events (workspace_id, user_id, kind, quantity, occurred_at)
      select ${workspace.id}::uuid, ${user.id}::uuid, 'api_call', 1, now() - g * interval '1 minute' from generate_series(1, ${options.usageEvents}) g`.execute(db);
  }

  // Through the real procedures, so the audit log holds their rows (sealed under the subject).
  const support = await app.callerAs(['support']);
  await support.api.customers.addNote({ userId: user.id, body: `Called ${marker} about the invoice` });
  const moderator = await app.callerAs(['moderator']);
  await moderator.api.customers.suspend({ userId: user.id, days: 1, reason: `Cooling off for ${marker}` });
  // After the suspension, which signs the user out everywhere.
  await db.insertInto('app.sessions').values({ userId: user.id, expiresAt: new Date(Date.now() + 86_400_000), ip: '203.0.113.7', userAgent: `Browser of ${marker}` }).execute();

  await app.billing.emulator!.webhooksIdle();
  return { marker, userId: user.id, email, workspaceId: workspace.id, stripeCustomerId: customer.id, subscriptionId: subscription.id, contentIds };
}

