import { formatMoney } from '@opsdesk/shared';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { findAuditRowsByAction } from '../audit/audit.queries.js';
import { seedDemoStaff } from '../staff/demoStaff.js';
import { findStaffByEmail } from '../staff/staff.queries.js';
import { describeDemoActivity, recordDemoActivity } from './demoActivity.js';
import { seedDemoCompanyOnFirstStart } from './demoFirstStart.js';
import { resetDemoData } from './demoReset.js';
import { isDemoActivityRecorded } from './demoSeedState.queries.js';
import { seedDemoCompany } from './seedDemoCompany.js';

/**
 * The demo staff's first day (demoActivity.ts) on a small demo company: made through the
 * procedures as the demo members, on the audit log, once.
 */
const SIZE = { users: 200, months: 6, payingShare: 0.2, seed: 7 };

async function staffId(app: TestApp, email: string): Promise<string> {
  return (await findStaffByEmail(app.db, email))!.id;
}

async function countRows(app: TestApp) {
  const { rows } = await sql<{ flags: number; notes: number; requests: number; privacy: number; rules: number }>`
    select (select count(*)::int from ops.flags) as flags, (select count(*)::int from ops.staff_notes) as notes,
      (select count(*)::int from ops.action_requests) as requests, (select count(*)::int from ops.privacy_requests) as privacy,
      (select count(*)::int from ops.moderation_rules) as rules`.execute(app.db);
  return rows[0]!;
}

describe('the demo staff first day', () => {
  let app: TestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
    await seedDemoStaff(app.db);
    await seedDemoCompany({ db: app.db, stripe: app.billing.stripe, emulator: app.billing.emulator!, ...SIZE });
    // The company is complete: the next demo start records the day (as one stopped before it would).
    const seeded = await seedDemoCompanyOnFirstStart({ db: app.db, stripe: app.billing.stripe, emulator: app.billing.emulator, users: SIZE.users, deps: app.deps, print: (line) => lines.push(line) });
    expect(seeded).toBe(false);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('says what it made', () => {
    expect(lines).toEqual(['Demo staff activity: 3 feature flags, 2 customer notes, 1 refund waiting for approval, 2 privacy requests, 1 moderation rule in shadow mode.']);
  });

  it('made flags as the admin: on in development, rolling out in staging, production untouched', async () => {
    const admin = await app.callerAs(['admin']);
    const flag = await admin.api.flags.get({ key: 'checkout.new-flow' });
    const state = (env: string) => flag.environments.find((e) => e.environment === env)!;
    expect(state('development')).toMatchObject({ enabled: true, strategies: [{ name: 'default' }] });
    expect(state('staging')).toMatchObject({ enabled: true, strategies: [{ name: 'flexibleRollout', parameters: { rollout: '50' } }] });
    expect(state('production').enabled).toBe(false);
    expect(flag.ownerId).toBe(await staffId(app, 'admin@opsdesk.test'));
    const created = await findAuditRowsByAction(app.db, 'flags.created');
    expect(created.map((row) => row.targetId).sort()).toEqual(['billing.pause-dunning-emails', 'checkout.new-flow', 'search.instant-results']);
    const adminId = await staffId(app, 'admin@opsdesk.test');
    expect(created.every((row) => row.actorId === adminId)).toBe(true);
  });

  it('made a keyword rule in shadow mode as the admin: it logs what it would hide, and hides nothing', async () => {
    const moderator = await app.callerAs(['moderator']);
    const { rules } = await moderator.api.moderation.rules.list({});
    expect(rules).toEqual([expect.objectContaining({ name: 'New-account crypto scams', mode: 'shadow', enabled: true, action: 'hide_pending_review', reasonCode: 'scam' })]);
    expect(rules[0]!.conditions).toMatchObject({ keywords: expect.arrayContaining(['crypto giveaway']), author: { maxAccountAgeDays: 7 } });
    const created = await findAuditRowsByAction(app.db, 'moderation.rule_created');
    expect(created.map((row) => row.actorId)).toEqual([await staffId(app, 'admin@opsdesk.test')]);
  });

  it('left a fraudulent refund waiting for a second person: support asked, finance may decide, nothing refunded', async () => {
    const finance = await app.callerAs(['finance']);
    const [waiting, ...others] = await finance.api.approvals.find({ scope: 'to_decide' });
    expect(others).toEqual([]);
    expect(waiting).toMatchObject({ action: 'customers.refund', status: 'pending_approval', approvalReason: 'Refunds marked fraudulent need a second person.' });
    expect(waiting!.requester.id).toBe(await staffId(app, 'support@opsdesk.test'));
    const chargeId = (waiting!.input as { chargeId: string }).chargeId;
    const charge = await app.billing.stripe.charges.retrieve(chargeId);
    expect(charge.amount_refunded).toBe(0);
    // The customer the refund is for carries support's note about it.
    const { rows } = await sql<{ userId: string }>`select owner_user_id as user_id from app.workspaces where stripe_customer_id = ${waiting!.targetId}`.execute(app.db);
    const customer = await finance.api.customers.get({ userId: rows[0]!.userId });
    expect(customer.notes.map((note) => note.body)).toEqual([expect.stringContaining(`does not recognise the ${formatMoney(charge.amount, charge.currency)} payment`)]);
  });

  it('recorded an access request due within the week and an erasure request, as the privacy member', async () => {
    const privacy = await app.callerAs(['privacy']);
    const { items } = await privacy.api.privacy.list({ open: true });
    expect(items.map((item) => item.kind).sort()).toEqual(['access', 'erasure']);
    const access = items.find((item) => item.kind === 'access')!;
    expect(access.daysLeft).toBeGreaterThan(0);
    expect(access.daysLeft).toBeLessThanOrEqual(7);
    expect((await privacy.api.privacy.list({ view: 'due_this_week' })).items.map((item) => item.id)).toEqual([access.id]);
    const received = await findAuditRowsByAction(app.db, 'privacy.request_received');
    const privacyId = await staffId(app, 'privacy@opsdesk.test');
    expect(received.map((row) => row.actorId)).toEqual([privacyId, privacyId]);
  });

  it('signs none of the demo members in: the sessions it used are revoked', async () => {
    const { rows } = await sql<{ live: number }>`select count(*)::int as live from ops.staff_sessions where user_agent = 'opsdesk-demo-seed' and revoked_at is null`.execute(app.db);
    expect(rows[0]!.live).toBe(0);
  });

  it('is recorded once, and a run stopped half-way finishes without making anything twice', async () => {
    const before = await countRows(app);
    expect(await recordDemoActivity(app.deps)).toBeNull();
    await sql`delete from ops.settings where key = 'demo.activity'`.execute(app.db);
    const again = await recordDemoActivity(app.deps);
    expect(again && describeDemoActivity(again)).toBe(lines[0]);
    expect(await countRows(app)).toEqual(before);
    expect(await isDemoActivityRecorded(app.db)).toBe(true);
  });

  // Last: it empties the company the tests above read.
  it('is forgotten with the company by a reset, with the staff work about its customers; flags, rules and the audit log stay', async () => {
    const support = await app.callerAs(['support']);
    const viewed = (await sql<{ id: string }>`select id from app.users limit 1`.execute(app.db)).rows[0]!.id;
    await sql`insert into ops.staff_recent_customers (staff_id, user_id) values (${support.staff.id}, ${viewed})`.execute(app.db);
    const flagRequests = async () => (await sql<{ n: number }>`select count(*)::int as n from ops.action_requests where target_type not in ('customer', 'privacy_request')`.execute(app.db)).rows[0]!.n;
    const otherRequests = await flagRequests();
    const audited = (await findAuditRowsByAction(app.db, 'customer.note_added')).length;
    expect(audited).toBeGreaterThan(0);
    // A built export: an archive of a person's data on disk, pointed at by its request.
    const exported = (await sql<{ id: string }>`select id from ops.privacy_requests limit 1`.execute(app.db)).rows[0]!.id;
    const archive = path.join(await mkdtemp(path.join(tmpdir(), 'opsdesk-exports-')), `privacy-export-${exported}.zip`);
    await writeFile(archive, 'PK');
    await sql`update ops.privacy_requests set export_path = ${archive} where id = ${exported}::uuid`.execute(app.db);

    await resetDemoData(app.db);

    const { rows } = await sql<{ viewed: number; customerRequests: number }>`
      select (select count(*)::int from ops.staff_recent_customers) as viewed,
        (select count(*)::int from ops.action_requests where target_type in ('customer', 'privacy_request')) as "customerRequests"`.execute(app.db);
    expect(rows[0]).toEqual({ viewed: 0, customerRequests: 0 });
    expect(await countRows(app)).toMatchObject({ notes: 0, privacy: 0, flags: 3, rules: 1 });
    expect(existsSync(archive)).toBe(false);
    expect(await flagRequests()).toBe(otherRequests);
    expect((await findAuditRowsByAction(app.db, 'customer.note_added')).length).toBe(audited);
    // The approvals inbox no longer offers a refund of a charge the next company never had.
    const finance = await app.callerAs(['finance']);
    expect(await finance.api.approvals.find({ scope: 'to_decide' })).toEqual([]);
    // So the next start records a first day on the new company.
    expect(await isDemoActivityRecorded(app.db)).toBe(false);
  });
});

describe('the demo staff first day without the demo staff', () => {
  let app: TestApp;

  afterAll(async () => {
    await app?.close();
  });

  it('makes nothing when the staff are real people', async () => {
    app = await createTestApp();
    await app.createStaff(['admin'], { email: 'ada@company.example' });
    expect(await recordDemoActivity(app.deps)).toBeNull();
    expect(await isDemoActivityRecorded(app.db)).toBe(false);
    expect(await findAuditRowsByAction(app.db, 'flags.created')).toEqual([]);
  });
});
