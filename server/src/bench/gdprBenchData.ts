import { sql } from 'kysely';
import type Stripe from 'stripe';
import type { Db } from '../db/database.js';

/**
 * The data subject of `npm run bench:gdpr`: one person with `rows` rows spread over every
 * product table that links to a person (usage events, content, reports they filed,
 * sessions, memberships in other people's workspaces, appeals) and Opsdesk's staff notes
 * about them, plus a Stripe customer with a subscription at the emulator; and, around
 * them, `others` other people with a little data each, so the subject's queries run
 * against tables that are not theirs alone. All in SQL (generate_series): seconds.
 */
export interface GdprBenchSubject {
  userId: string;
  email: string;
  workspaceId: string;
  stripeCustomerId: string;
  rowsByTable: Record<string, number>;
}

/** Shares of the subject's rows per table (the rest of 100 % goes to usage events). */
const SHARES = { content: 0.15, contentReports: 0.05, accountReports: 0.02, sessions: 0.08, memberships: 0.03, appeals: 0.02, staffNotes: 0.05 } as const;

export async function generateGdprSubject(db: Db, stripe: Stripe, options: { rows: number; others: number; staffId: string }): Promise<GdprBenchSubject> {
  // One connection throughout: the temporary tables live in one session, and the pool's
  // other connections are busy with the webhooks the Stripe calls below set off.
  return db.connection().execute((connection) => generateOnConnection(connection, stripe, options));
}

async function generateOnConnection(db: Db, stripe: Stripe, options: { rows: number; others: number; staffId: string }): Promise<GdprBenchSubject> {
  const n = (share: number) => Math.max(1, Math.round(options.rows * share));
  const counts = {
    content: n(SHARES.content),
    contentReports: n(SHARES.contentReports),
    accountReports: n(SHARES.accountReports),
    sessions: n(SHARES.sessions),
    memberships: n(SHARES.memberships),
    appeals: n(SHARES.appeals),
    staffNotes: n(SHARES.staffNotes),
  };
  const usageEvents = Math.max(1, options.rows - Object.values(counts).reduce((a, b) => a + b, 0) - 2);
  const others = Math.max(options.others, counts.memberships, 1);

  // Everyone else: a user and a workspace each, one content item and ten usage events.
  await sql`insert into app.users (email, name) select 'other-' || g || '@example.test', 'Other person ' || g from generate_series(1, ${others}) g`.execute(db);
  await sql`create temporary table gdpr_others as select row_number() over (order by id) as n, id from app.users`.execute(db);
  await sql`insert into app.workspaces (name, owner_user_id) select 'Workspace ' || o.n, o.id from gdpr_others o`.execute(db);
  await sql`create temporary table gdpr_other_workspaces as select row_number() over (order by id) as n, id, owner_user_id from app.workspaces`.execute(db);
  await sql`insert into app.content (user_id, workspace_id, kind, title, body) select w.owner_user_id, w.id, 'post', 'Post ' || w.n, 'Someone else wrote this' from gdpr_other_workspaces w`.execute(db);
  await sql`insert into app.usage_events (workspace_id, user_id, kind, occurred_at) select w.id, w.owner_user_id, 'api_call', now() - g * interval '1 minute' from gdpr_other_workspaces w cross join generate_series(1, 10) g`.execute(db);

  const email = 'bench-subject@example.test';
  const customer = await stripe.customers.create({ email, name: 'Bench Subject', phone: '+49 30 1234567', address: { line1: 'Bench Street 1', city: 'Berlin', country: 'DE' } });
  const price = await stripe.prices.create({ currency: 'eur', unit_amount: 2000, recurring: { interval: 'month' }, product_data: { name: 'Pro' } });
  await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: 'pm_card_visa' } });
  await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });

  const user = await db.insertInto('app.users').values({ email, name: 'Bench Subject', country: 'DE' }).returning('id').executeTakeFirstOrThrow();
  const workspace = await db
    .insertInto('app.workspaces')
    .values({ name: "Bench Subject's workspace", ownerUserId: user.id, plan: 'pro', stripeCustomerId: customer.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const u = user.id;
  const w = workspace.id;
  await db.insertInto('app.workspaceMembers').values({ workspaceId: w, userId: u, role: 'owner' }).execute();
  await sql`insert into app.workspace_members (workspace_id, user_id, role) select id, ${u}::uuid, 'member' from gdpr_other_workspaces where n <= ${counts.memberships - 1}`.execute(db);
  await sql`insert into app.usage_events (workspace_id, user_id, kind, quantity, occurred_at) select ${w}::uuid, ${u}::uuid, (array['api_call','export','seat_added'])[1 + g % 3], 1 + g % 5, now() - g * interval '10 seconds' from generate_series(1, ${usageEvents}) g`.execute(db);
  await sql`insert into app.content (user_id, workspace_id, kind, title, body, created_at) select ${u}::uuid, ${w}::uuid, 'post', 'Subject post ' || g, 'A post the subject wrote, number ' || g || ', with a few sentences of text in it so the export has something to carry.', now() - g * interval '1 minute' from generate_series(1, ${counts.content}) g`.execute(db);
  await sql`create temporary table gdpr_other_content as select row_number() over (order by id) as n, id from app.content where user_id <> ${u}::uuid`.execute(db);
  await sql`insert into app.content_reports (content_id, reporter_user_id, reason_code, details) select c.id, ${u}::uuid, 'spam', 'Reported by the subject, ' || g from generate_series(1, ${counts.contentReports}) g join gdpr_other_content c on c.n = 1 + (g % ${others})`.execute(db);
  await sql`insert into app.account_reports (reported_user_id, reporter_user_id, reason_code, details) select o.id, ${u}::uuid, 'other', 'Filed by the subject, ' || g from generate_series(1, ${counts.accountReports}) g join gdpr_others o on o.n = 1 + (g % ${others})`.execute(db);
  await sql`insert into app.sessions (user_id, created_at, last_seen_at, expires_at, ip, user_agent) select ${u}::uuid, now() - g * interval '1 hour', now() - g * interval '1 hour', now() + interval '30 days', ('10.' || (g / 65536) % 256 || '.' || (g / 256) % 256 || '.' || g % 256)::inet, 'Mozilla/5.0 (bench ' || g || ')' from generate_series(1, ${counts.sessions}) g`.execute(db);
  await sql`insert into app.moderation_appeals (decision_id, appellant_user_id, statement) select gen_random_uuid(), ${u}::uuid, 'Appeal number ' || g || ' by the subject' from generate_series(1, ${counts.appeals}) g`.execute(db);
  await sql`insert into ops.staff_notes (subject_type, subject_id, author_id, body) select 'customer', ${u}, ${options.staffId}::uuid, 'Note ' || g || ' about the subject' from generate_series(1, ${counts.staffNotes}) g`.execute(db);
  for (const table of ['app.users', 'app.workspaces', 'app.workspace_members', 'app.content', 'app.content_reports', 'app.account_reports', 'app.sessions', 'app.usage_events', 'app.moderation_appeals', 'ops.staff_notes']) {
    await sql`analyze ${sql.table(table)}`.execute(db);
  }
  const rowsByTable = {
    'app.users': 1,
    'app.workspaces': 1,
    'app.workspace_members': counts.memberships,
    'app.usage_events': usageEvents,
    'app.content': counts.content,
    'app.content_reports': counts.contentReports,
    'app.account_reports': counts.accountReports,
    'app.sessions': counts.sessions,
    'app.moderation_appeals': counts.appeals,
    'ops.staff_notes': counts.staffNotes,
  };
  return { userId: u, email, workspaceId: w, stripeCustomerId: customer.id, rowsByTable };
}
