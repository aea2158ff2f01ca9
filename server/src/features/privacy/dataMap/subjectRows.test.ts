import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { migrateReferenceProductSchema } from '../../demo/appSchema/migrateReferenceProductSchema.js';
import { DATA_MAP, ERASURE_ORDER, EXPORT_TABLES } from './dataMap.js';
import { maskedIdentifier } from './masking.js';
import { countSubjectRows, eraseSubjectRows, keyedHash, maskingKeyFromConfig, readSubjectRows } from './subjectRows.queries.js';
import { markerHits, seedSubject, type SeededSubject } from './subjectRows.testFixtures.js';

let app: TestApp;
let a: SeededSubject;
let b: SeededSubject;
const masking = maskingKeyFromConfig({ PRIVACY_MASKING_KEY: undefined, sessionSecret: 'test-secret-of-at-least-some-length' });
const tables = DATA_MAP.map((t) => t.table);

/** Every row of every mapped table as text: a second erasure must leave it identical. */
async function snapshot(): Promise<string> {
  const parts: string[] = [];
  for (const table of tables) {
    const { rows } = await sql<{ s: string | null }>`select string_agg(t::text, '|' order by t::text) as s from ${sql.table(table)} t`.execute(app.db.withoutPlugins());
    parts.push(`${table}:${rows[0]?.s ?? ''}`);
  }
  return parts.join('\n');
}

async function eraseAll(subject: SeededSubject['subject']): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  for (const table of ERASURE_ORDER) {
    const { rows } = await app.db.transaction().execute((trx) => eraseSubjectRows(trx, table, subject, masking));
    if (rows > 0) done[table] = rows;
  }
  return done;
}

beforeAll(async () => {
  app = await createTestApp();
  await migrateReferenceProductSchema(app.db);
  const staff = await app.createStaff(['admin']);
  b = await seedSubject(app.db, { staffId: staff.id });
  a = await seedSubject(app.db, { staffId: staff.id, other: b });
});
afterAll(() => app?.close());

describe('subject rows of the data map', () => {
  it('plans every linked table of the subject in erasure order, with the strategy and counts', async () => {
    const steps = await countSubjectRows(app.db, a.subject, { invoiceRetentionYears: 7 });
    const byTable = Object.fromEntries(steps.map((s) => [s.table, s]));
    expect(steps.map((s) => s.table)).toEqual(ERASURE_ORDER.filter((t) => byTable[t]));
    expect(byTable['app.users']).toMatchObject({ action: 'mask', rows: 1 });
    // Own 3 + the workspace's own event + their event in b's workspace.
    expect(byTable['app.usage_events']).toMatchObject({ action: 'delete', rows: 5 });
    // The report a filed on b's content, and b's report on a's content.
    expect(byTable['app.content_reports']).toMatchObject({ action: 'delete', rows: 2 });
    expect(byTable['app.workspace_members']).toMatchObject({ rows: 2 });
    expect(byTable['billing.invoices']).toMatchObject({ action: 'keep', rows: 1, retention: '7 years (PRIVACY_INVOICE_RETENTION_YEARS)' });
    expect(byTable['billing.invoices']!.basis).toMatch(/accounting/);
    expect(byTable['ops.moderation_events']).toMatchObject({ action: 'mask', rows: 2 });
    expect(byTable['ops.privacy_requests']).toMatchObject({ action: 'keep', rows: 1 });
    expect(byTable['ops.audit_log']).toBeUndefined();
    // b has every table too, but only its own rows.
    expect((await countSubjectRows(app.db, b.subject)).find((s) => s.table === 'app.users')!.rows).toBe(1);
  });

  it('erases one subject, leaves the other untouched, counts as planned, and a second run changes nothing', async () => {
    const plan = await countSubjectRows(app.db, a.subject);
    const bHitsBefore = await markerHits(app.db, tables, b.marker);
    expect(Object.keys(await markerHits(app.db, tables, a.marker)).length).toBeGreaterThanOrEqual(23);

    const done = await eraseAll(a.subject);
    expect(done).toEqual(Object.fromEntries(plan.map((s) => [s.table, s.rows])));
    expect(await markerHits(app.db, tables, a.marker)).toEqual({});
    // b's own rows survive; only b's reports about a (its content, its account) went with a.
    const bReportsAboutA = { 'app.content_reports': 1, 'app.account_reports': 1 } as Record<string, number>;
    const bExpected = Object.fromEntries(Object.entries(bHitsBefore).map(([t, n]) => [t, n - (bReportsAboutA[t] ?? 0)]).filter(([, n]) => n !== 0));
    expect(await markerHits(app.db, tables, b.marker)).toEqual(bExpected);

    const user = (await sql<{ email: string; name: string; status: string; country: string | null; created_at: Date }>`
      select email, name, status, country, created_at from app.users where id = ${a.userId}`.execute(app.db.withoutPlugins())).rows[0]!;
    expect(user).toMatchObject({ email: maskedIdentifier(masking, a.subject.emails[0]!, 'email'), name: 'Erased user', status: 'deleted', country: null });
    expect(user.email).toMatch(/^erased-[0-9a-f]{32}@invalid$/);
    expect(user.created_at.getUTCDate()).toBe(1);
    // The same keyed hash in every table, so the moderation history still joins up.
    const events = await sql<{ subject_id: string }>`select subject_id from ops.moderation_events where subject_type = 'account' and subject_id like 'kh_%'`.execute(app.db.withoutPlugins());
    expect(events.rows.map((r) => r.subject_id)).toEqual([`kh_${keyedHash(masking, a.userId).slice(0, 32)}`]);
    // Kept invoice: amounts stay, the person goes.
    const invoice = await sql<{ data: Record<string, unknown>; total: string; hosted_invoice_url: string | null }>`
      select data, total, hosted_invoice_url from billing.invoices where customer_id = ${a.customerId}`.execute(app.db.withoutPlugins());
    expect(invoice.rows[0]).toMatchObject({ total: '2000', hosted_invoice_url: null, data: { id: expect.any(String), customer: a.customerId, total: 2000, currency: 'eur' } });
    expect(invoice.rows[0]!.data).not.toHaveProperty('customer_name');
    // The ledger keeps the event's ids (later events are ordered by them).
    const event = await sql<{ payload: unknown }>`select payload from ops.stripe_events where payload->'data'->'object'->>'id' = ${a.customerId}`.execute(app.db.withoutPlugins());
    expect(event.rows[0]!.payload).toEqual({ id: expect.any(String), object: 'event', type: 'customer.updated', data: { object: { id: a.customerId, object: 'customer' } } });

    const before = await snapshot();
    await eraseAll(a.subject);
    expect(await snapshot()).toBe(before);
    // What still links to the subject is kept, masked; nothing is deleted twice.
    expect((await countSubjectRows(app.db, a.subject)).every((s) => s.action !== 'delete')).toBe(true);
  });

  it('pages through a subject’s rows exactly once, in key order, including composite keys', async () => {
    const staff = await app.createStaff(['admin']);
    const c = await seedSubject(app.db, { staffId: staff.id, usageEvents: 1_000 });
    const seen: string[] = [];
    let after: unknown[] | null = null;
    let pages = 0;
    do {
      const page: { rows: Record<string, unknown>[]; next: unknown[] | null } = await readSubjectRows(app.db, 'app.usage_events', c.subject, { after, limit: 97 });
      seen.push(...page.rows.map((r) => String(r.id)));
      expect(page.rows.length).toBeLessThanOrEqual(97);
      after = page.next;
      pages++;
    } while (after);
    expect(seen).toHaveLength(1_001);
    expect(new Set(seen).size).toBe(1_001);
    expect(pages).toBe(Math.ceil(1_001 / 97));
    expect(seen.map(BigInt)).toEqual([...seen.map(BigInt)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));

    const first = await readSubjectRows(app.db, 'billing.invoice_lines', c.subject, { after: null, limit: 1 });
    expect(first).toMatchObject({ rows: [{ invoice_id: expect.stringMatching(/^in_/) }], next: null });
    // Rows keep their column names and Stripe JSON its keys.
    const customer = await readSubjectRows(app.db, 'billing.customers', c.subject, { after: null, limit: 10 });
    expect(customer.rows[0]).toMatchObject({ as_of_event_id: null, data: { metadata: { note: c.marker } } });
  });

  it('exports the product, billing, notes and moderation tables but not the audit log', () => {
    expect(EXPORT_TABLES).toEqual(expect.arrayContaining(['app.users', 'app.content', 'billing.invoices', 'ops.staff_notes', 'ops.moderation_decisions']));
    expect(EXPORT_TABLES).not.toContain('ops.audit_log');
    expect(EXPORT_TABLES).not.toContain('app.plan_limits');
  });

  it('refuses the audit log and unmapped tables', async () => {
    await expect(app.db.transaction().execute((trx) => eraseSubjectRows(trx, 'ops.audit_log', a.subject, masking))).rejects.toThrow(/shredding/);
    await expect(readSubjectRows(app.db, 'ops.settings', a.subject, { after: null, limit: 1 })).rejects.toThrow(/not in the data map/);
  });

  it('derives the masking key from the session secret unless PRIVACY_MASKING_KEY is set', () => {
    const derived = maskingKeyFromConfig({ PRIVACY_MASKING_KEY: undefined, sessionSecret: 's1' });
    expect(keyedHash(derived, 'x')).toBe(keyedHash(maskingKeyFromConfig({ PRIVACY_MASKING_KEY: undefined, sessionSecret: 's1' }), 'x'));
    expect(keyedHash(derived, 'x')).not.toBe(keyedHash(maskingKeyFromConfig({ PRIVACY_MASKING_KEY: undefined, sessionSecret: 's2' }), 'x'));
    expect(keyedHash(maskingKeyFromConfig({ PRIVACY_MASKING_KEY: 'k'.repeat(32), sessionSecret: 's1' }), 'x')).toMatch(/^[0-9a-f]{64}$/);
  });
});
