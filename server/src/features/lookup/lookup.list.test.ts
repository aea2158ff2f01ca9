import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { TCustomerListFilter, TCustomerListSort } from '@opsdesk/shared';
import { generateCustomers } from '../../bench/generateCustomers.js';
import { auditRows, createTestApp, type TestApp } from '../../testing/testApp.js';
import { migrateReferenceProductSchema } from '../demo/appSchema/migrateReferenceProductSchema.js';
import { insertJohnSmiths, JOHN_FREE, JOHN_PAYING } from './lookup.testFixtures.js';

describe('lookup.list and saved filters', () => {
  let app: TestApp;
  let support: Awaited<ReturnType<TestApp['callerAs']>>;

  beforeAll(async () => {
    app = await createTestApp();
    await migrateReferenceProductSchema(app.db);
    await generateCustomers(app.db, { users: 1500 });
    await insertJohnSmiths(app.db);
    await sql`analyze app.users`.execute(app.db);
    support = await app.callerAs(['support']);
  });
  afterAll(() => app.close());

  async function allRows(input: { filter?: TCustomerListFilter; sort?: TCustomerListSort; limit: number }) {
    const pages: { userId: string; mrr: number }[][] = [];
    let cursor: string | undefined;
    do {
      const page = await support.api.lookup.list({ ...input, cursor });
      pages.push(page.rows);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return pages;
  }

  async function allPages(input: { filter?: TCustomerListFilter; sort?: TCustomerListSort; limit: number }) {
    return (await allRows(input)).map((page) => page.map((r) => r.userId));
  }

  /** Highest MRR first (the MRR each row carries, measured apart from the sort), then id, both descending. */
  function expectMrrOrder(rows: { userId: string; mrr: number }[]) {
    for (let i = 1; i < rows.length; i++) {
      const [before, after] = [rows[i - 1]!, rows[i]!];
      expect(before.mrr > after.mrr || (before.mrr === after.mrr && before.userId > after.userId), `${i}: ${before.mrr} ${before.userId} then ${after.mrr} ${after.userId}`).toBe(true);
    }
  }

  it.each(['signup_desc', 'signup_asc', 'email_asc'] as const)('pages sorted %s are complete, ordered and never overlap', async (sort) => {
    const pages = await allPages({ sort, limit: 200 });
    const ids = pages.flat();
    expect(new Set(ids).size).toBe(ids.length);
    const expected = await sql<{ id: string }>`select id from app.users order by ${sql.raw(sort === 'email_asc' ? 'lower(email) asc' : `created_at ${sort === 'signup_desc' ? 'desc' : 'asc'}, id ${sort === 'signup_desc' ? 'desc' : 'asc'}`)}`.execute(app.db);
    expect(ids).toEqual(expected.rows.map((r) => r.id));
    expect(pages.length).toBe(Math.ceil(ids.length / 200));
  });

  it('pages highest MRR first: every payer by MRR, then everyone else, complete and never overlapping', async () => {
    const pages = await allRows({ sort: 'mrr_desc', limit: 97 });
    const rows = pages.flat();
    const all = await sql<{ id: string }>`select id from app.users`.execute(app.db);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(rows.length);
    expect(rows.map((r) => r.userId).sort()).toEqual(all.rows.map((r) => r.id).sort());
    expectMrrOrder(rows);
    // Payers and non-payers both span several pages, and one page holds the turn between them.
    const payers = rows.filter((r) => r.mrr > 0).length;
    expect(payers).toBeGreaterThan(97);
    expect(rows.length - payers).toBeGreaterThan(97);
    expect(rows[0]!.mrr).toBe(Math.max(...rows.map((r) => r.mrr)));
  });

  it('pages highest MRR first within a filter, the last payer and the first non-payer on one page', async () => {
    const filter: TCustomerListFilter = { country: 'US' };
    const rows = (await allRows({ filter, sort: 'mrr_desc', limit: 7 })).flat();
    const expected = await allPages({ filter, limit: 200 });
    expect(rows.map((r) => r.userId).sort()).toEqual(expected.flat().sort());
    expectMrrOrder(rows);
    expect(rows.some((r) => r.mrr > 0) && rows.some((r) => r.mrr === 0)).toBe(true);
    // Only payers when the filter asks for MRR.
    const payers = (await allRows({ filter: { ...filter, mrrMin: 1 }, sort: 'mrr_desc', limit: 7 })).flat();
    expect(payers.map((r) => r.userId)).toEqual(rows.filter((r) => r.mrr > 0).map((r) => r.userId));
  });

  it('filters and pages a filtered list', async () => {
    const filter: TCustomerListFilter = { status: 'suspended', country: 'us', signupFrom: '2000-01-01T00:00:00Z' };
    const ids = (await allPages({ filter, limit: 7 })).flat();
    const expected = await sql<{ id: string }>`select id from app.users where status = 'suspended' and country = 'US' order by created_at desc, id desc`.execute(app.db);
    expect(ids).toEqual(expected.rows.map((r) => r.id));
    expect(ids).toContain(JOHN_FREE.userId);
  });

  it('filters by plan, failed payment and MRR (annual price normalised to a month)', async () => {
    const list = (filter: TCustomerListFilter) => support.api.lookup.list({ filter, limit: 200 }).then((page) => page.rows.map((r) => r.userId));
    expect(await list({ plan: 'pro', country: 'GB', signupTo: '2021-12-31T00:00:00Z' })).toContain(JOHN_PAYING.userId);
    expect(await list({ hasFailedPayment: true, country: 'US', status: 'suspended' })).toContain(JOHN_FREE.userId);
    expect(await list({ hasFailedPayment: false, country: 'GB', plan: 'pro' })).toContain(JOHN_PAYING.userId);
    // 2 × 1,200.00 a year = 20,000 cents a month.
    expect(await list({ mrrMin: 20_000, mrrMax: 20_000 })).toEqual([JOHN_PAYING.userId]);
    // Each row carries the MRR the filter measured.
    const [paying] = (await support.api.lookup.list({ filter: { mrrMin: 20_000, mrrMax: 20_000 }, limit: 10 })).rows;
    expect(paying).toMatchObject({ userId: JOHN_PAYING.userId, mrr: 20_000 });
    expect(await list({ mrrMin: 20_001, country: 'GB', signupTo: '2021-12-31T00:00:00Z' })).not.toContain(JOHN_PAYING.userId);

    // A subscription billed in euros is not dollars of MRR (the filter is in the reporting currency).
    await sql`insert into billing.prices (id, product_id, active, currency, unit_amount, type, recurring_interval, recurring_interval_count, created, as_of, data)
      values ('price_fixture_eur_month', 'prod_fixture', true, 'eur', 50000, 'recurring', 'month', 1, now(), 0, '{}')`.execute(app.db);
    await sql`insert into billing.subscriptions (id, customer_id, status, created, as_of, data) values ('sub_JohnGlobexEur', ${JOHN_FREE.customer}, 'active', now(), 0, '{}')`.execute(app.db);
    await sql`insert into billing.subscription_items (id, subscription_id, price_id, quantity, data) values ('si_JohnGlobexEur', 'sub_JohnGlobexEur', 'price_fixture_eur_month', 1, '{}')`.execute(app.db);
    try {
      expect(await list({ mrrMin: 1, country: 'US', status: 'suspended' })).not.toContain(JOHN_FREE.userId);
      expect(await list({ mrrMax: 0, country: 'US', status: 'suspended' })).toContain(JOHN_FREE.userId);
      // The list says which currency it counts in (the filter's labels name it), and follows the reporting currency.
      expect(await support.api.lookup.mrrCurrency()).toEqual({ currency: 'usd' });
      await sql`update revenue.settings set currency = 'eur'`.execute(app.db);
      expect(await support.api.lookup.mrrCurrency()).toEqual({ currency: 'eur' });
      expect(await list({ mrrMin: 50_000, mrrMax: 50_000, country: 'US', status: 'suspended' })).toContain(JOHN_FREE.userId);
    } finally {
      await sql`update revenue.settings set currency = 'usd'`.execute(app.db);
      await sql`delete from billing.subscription_items where id = 'si_JohnGlobexEur'`.execute(app.db);
      await sql`delete from billing.subscriptions where id = 'sub_JohnGlobexEur'`.execute(app.db);
    }
  });

  it('estimates the total from the planner', async () => {
    const total = (await support.api.lookup.list({ limit: 1 })).estimatedTotal;
    expect(total).toBeGreaterThan(1400);
    expect(total).toBeLessThan(1600);
    const filtered = (await support.api.lookup.list({ filter: { status: 'banned' }, limit: 1 })).estimatedTotal;
    expect(filtered).toBeGreaterThan(5);
    expect(filtered).toBeLessThan(200);
  });

  it('rejects a cursor from another sort, or with an MRR that is not whole cents', async () => {
    const page = await support.api.lookup.list({ sort: 'email_asc', limit: 5 });
    await expect(support.api.lookup.list({ sort: 'signup_desc', cursor: page.nextCursor!, limit: 5 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(support.api.lookup.list({ sort: 'mrr_desc', cursor: page.nextCursor!, limit: 5 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    for (const key of ['-1', '1.5', '1e3', '9999999999999999']) {
      const cursor = Buffer.from(JSON.stringify(['mrr_desc', key, JOHN_FREE.userId])).toString('base64url');
      await expect(support.api.lookup.list({ sort: 'mrr_desc', cursor, limit: 5 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
  });

  it('shares saved filters between staff; only the owner deletes; both on the audit log', async () => {
    const other = await app.callerAs(['finance']);
    const shared = await support.api.lookup.saveFilter({ name: 'Suspended in the US', filter: { status: 'suspended', country: 'US' } });
    const mine = await support.api.lookup.saveFilter({ name: 'My drafts', filter: { plan: 'pro' }, shared: false });
    expect((await other.api.lookup.savedFilters()).map((f) => [f.name, f.mine])).toEqual([['Suspended in the US', false]]);
    expect((await support.api.lookup.savedFilters()).map((f) => f.name)).toEqual(['My drafts', 'Suspended in the US']);

    const resaved = await support.api.lookup.saveFilter({ name: 'Suspended in the US', filter: { status: 'suspended', country: 'GB' } });
    expect(resaved.id).toBe(shared.id);
    await expect(other.api.lookup.deleteFilter({ id: shared.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(other.api.lookup.deleteFilter({ id: mine.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await support.api.lookup.deleteFilter({ id: shared.id });
    expect((await other.api.lookup.savedFilters())).toEqual([]);

    const saved = await auditRows(app, 'filter.saved');
    expect(saved.map((row) => [row.result, row.targetId])).toEqual([['success', shared.id], ['success', mine.id], ['success', shared.id]]);
    expect(saved[2]!.before).toMatchObject({ filter: { country: 'US' } });
    const deleted = await auditRows(app, 'filter.deleted');
    expect(deleted.map((row) => [row.result, row.actorId])).toEqual([['failure', other.staff.id], ['failure', other.staff.id], ['success', support.staff.id]]);
  });
});
