import { sql } from 'kysely';
import type { Role } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, type TestApp } from '../../../testing/testApp.js';
import { rebuildRevenue } from '../revenueRebuild.js';
import { insertStates, SCENARIO, SETTINGS } from '../testing/revenueFixtures.js';
import { decimalFromCents } from './revenueCsv.js';
import { parseCsv } from '../../../testing/parseCsv.js';

/** Rows as objects keyed by the header. */
const records = (text: string) => {
  const [header, ...rows] = parseCsv(text);
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
};

const RANGE = 'policy=stripe&from=2025-01-01&to=2025-06-30';
/** Movements far after the scenario, so its figures stay as they are: more than one keyset batch. */
const BULK_MOVEMENTS = 2_345;

describe('GET /api/revenue/export/:dataset', () => {
  let app: TestApp;
  let url: string;
  let finance: Awaited<ReturnType<TestApp['callerAs']>>;

  beforeAll(async () => {
    app = await createTestApp();
    await insertStates(app.db, SCENARIO);
    // A customer whose name and email a spreadsheet would run as formulas.
    await sql`insert into billing.customers (id, email, name, currency, created, as_of, data)
      values ('cus_b', '@SUM(1+1)@example.test', ${'=HYPERLINK("http://evil.test","Click")'}, 'usd', now(), 1, '{}')`.execute(app.db);
    await rebuildRevenue(app.db, { settings: SETTINGS });
    await sql`insert into revenue.movements (policy, customer_id, day, kind, amount_cents, before_cents, after_cents, cohort_month)
      select 'stripe', 'cus_bulk_' || lpad(n::text, 5, '0'), date '2027-01-01' + (n % 28), 'new', 1000 + n, 0, 1000 + n, date '2027-01-01'
      from generate_series(1, ${BULK_MOVEMENTS}) n`.execute(app.db);
    url = await app.listen({ connectWebhooks: false });
    finance = await app.callerAs(['finance']);
  }, 60_000);
  afterAll(() => app.close());

  const get = (path: string, token: string | undefined = finance.sessionToken) => fetch(`${url}${path}`, { headers: token ? { cookie: `opsdesk_session=${token}` } : {} });

  it('exports the series as the page shows it: money as exact decimals beside the currency, ratios as fractions, and audits it', async () => {
    const response = await get(`/api/revenue/export/series?${RANGE}&interval=month`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="revenue-series-stripe-2025-01-01-to-2025-06-30.csv"');
    const rows = records(await response.text());
    const series = await finance.api.revenue.series({ policy: 'stripe', from: '2025-01-01', to: '2025-06-30', interval: 'month' });
    expect(rows.map((r) => [r.period, r.currency, r.mrr_start, r.mrr, r.customers, r.net_new_mrr])).toEqual(
      series.periods.map((p) => [p.period, 'usd', decimalFromCents(p.mrrStart), decimalFromCents(p.mrr), String(p.customers), decimalFromCents(p.netNew)]),
    );
    const march = rows.find((r) => r.period === '2025-03')!;
    expect(Number(march.nrr)).toBeCloseTo(series.periods.find((p) => p.period === '2025-03')!.nrr!, 12);
    expect(rows.find((r) => r.period === '2025-01')!.nrr).toBe(''); // nothing to divide by: empty, not 0

    const audit = await auditRows(app, 'revenue.exported');
    expect(audit.at(-1)).toMatchObject({ actorId: finance.staff.id, result: 'success', targetType: 'revenue_report', targetId: 'series' });
    expect(audit.at(-1)!.input).toEqual({ dataset: 'series', request: { policy: 'stripe', from: '2025-01-01', to: '2025-06-30', interval: 'month', filter: {} } });
  });

  it('exports movements per period with negative losses as plain numbers, cohorts, plan mix and recovery', async () => {
    const movements = records(await (await get(`/api/revenue/export/movements?${RANGE}`)).text());
    // March (docs: cus_b cancels −29.00, cus_e goes unpaid −50.00; cus_c ends one of two subscriptions −49.00, cus_a downgrades −50.00).
    expect(movements.find((r) => r.period === '2025-03')).toMatchObject({ churn: '-79.00', contraction: '-99.00', churn_count: '2' });

    const cohorts = records(await (await get(`/api/revenue/export/cohorts?${RANGE}`)).text());
    expect(cohorts.filter((r) => r.cohort === '2025-01').map((r) => [r.month, r.months_since_start, r.customers])[0]).toEqual(['2025-01', '0', '6']);

    const mix = records(await (await get(`/api/revenue/export/plan-mix?${RANGE}`)).text());
    const june = (await finance.api.revenue.series({ policy: 'stripe', from: '2025-06-01', to: '2025-06-30' })).periods.at(-1)!;
    expect(mix.reduce((sum, r) => sum + Math.round(Number(r.mrr) * 100), 0)).toBe(june.mrr);

    const recovery = records(await (await get(`/api/revenue/export/payment-recovery?${RANGE}`)).text());
    expect(recovery).toEqual([expect.objectContaining({ from: '2025-01-01', to: '2025-06-30', failed_invoices: '0', recovered_share_7_days: '', mrr_recovered: '0.00' })]);
  });

  it('streams every movement behind a number across keyset batches', async () => {
    const response = await get('/api/revenue/export/drill-down?policy=stripe&from=2027-01-01&to=2027-12-31&kind=new');
    expect(response.headers.get('content-disposition')).toContain('revenue-drill-down-new-stripe-2027-01-01-to-2027-12-31.csv');
    const rows = records(await response.text());
    expect(rows).toHaveLength(BULK_MOVEMENTS);
    expect(new Set(rows.map((r) => r.movement_id)).size).toBe(BULK_MOVEMENTS);
    expect(rows.map((r) => r.day)).toEqual(rows.map((r) => r.day).sort());
    expect(rows.find((r) => r.customer_id === 'cus_bulk_00007')).toMatchObject({ kind: 'new', mrr_before: '0.00', mrr_after: '10.07', amount: '10.07' });
  });

  it('neutralises spreadsheet formulas in names and emails, and keeps the drill-down’s figures', async () => {
    const text = await (await get(`/api/revenue/export/drill-down?${RANGE}&kind=churn`)).text();
    const churn = records(text).find((r) => r.customer_id === 'cus_b')!;
    expect(churn.customer_name).toBe(`'=HYPERLINK("http://evil.test","Click")`);
    expect(churn.customer_email).toBe(`'@SUM(1+1)@example.test`);
    expect(churn).toMatchObject({ day: '2025-03-01', mrr_before: '29.00', mrr_after: '0.00', amount: '-29.00', subscription_id: 'sub_b1' });
    expect(text).not.toMatch(/(^|,)[=@]/m);
  });

  it('applies the filters', async () => {
    const yearly = records(await (await get(`/api/revenue/export/series?${RANGE}&billingInterval=year`)).text());
    expect(yearly.at(-1)!.mrr).toBe('50.00'); // cus_h: 1,200.00 a year, 50 % off forever
  });

  it.each(['support', 'moderator', 'oncall'] as Role[])('refuses %s (403) and records the refusal', async (role) => {
    const { sessionToken, staff } = await app.callerAs([role]);
    const response = await get(`/api/revenue/export/series?${RANGE}`, sessionToken);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('period');
    const denied = await app.db.selectFrom('ops.auditLog').select(['action', 'result']).where('actorId', '=', staff.id).execute();
    expect(denied).toEqual([{ action: 'revenue.exported', result: 'denied' }]);
  });

  it('refuses without a session (401)', async () => {
    expect((await get(`/api/revenue/export/series?${RANGE}`, '')).status).toBe(401);
    expect((await get(`/api/revenue/export/series?${RANGE}`, 'not-a-token')).status).toBe(401);
  });

  it.each([
    ['an unknown dataset', `/api/revenue/export/customers?${RANGE}`],
    ['an unknown parameter', `/api/revenue/export/series?${RANGE}&cursor=abc`],
    ['a repeated parameter', `/api/revenue/export/series?${RANGE}&policy=chartmogul`],
    ['a nested parameter', `/api/revenue/export/series?${RANGE}&filter[plan]=x`],
    ['an unknown policy', '/api/revenue/export/series?policy=mine&from=2025-01-01&to=2025-06-30'],
    ['an impossible day', '/api/revenue/export/series?from=2025-02-30&to=2025-06-30'],
    ['a range backwards', '/api/revenue/export/series?from=2025-07-01&to=2025-06-30'],
    ['a range too long for days', '/api/revenue/export/series?from=2000-01-01&to=2025-06-30&interval=day'],
    ['a missing range', '/api/revenue/export/drill-down?policy=stripe'],
    ['an interval on cohorts', `/api/revenue/export/cohorts?${RANGE}&interval=week`],
    ['a kind on the series', `/api/revenue/export/series?${RANGE}&kind=churn`],
    ['an unknown kind', `/api/revenue/export/drill-down?${RANGE}&kind=refund`],
    ['a bad country', `/api/revenue/export/series?${RANGE}&country=${encodeURIComponent("' or 1=1 --")}`],
    ['a huge plan', `/api/revenue/export/series?${RANGE}&plan=${'x'.repeat(5000)}`],
    ['a NUL byte', `/api/revenue/export/series?${RANGE}&plan=a%00b`],
  ])('answers %s with 400, never a file', async (_name, path) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/json/);
  });

  it('audits a failure before the first byte against the dataset asked for, with its query', async () => {
    const { sessionToken, staff } = await app.callerAs(['finance']);
    // The drill-down's table gone for a moment: its first page cannot be read.
    await sql`alter table revenue.movements rename to movements_elsewhere`.execute(app.db);
    try {
      const response = await get(`/api/revenue/export/drill-down?${RANGE}&kind=churn`, sessionToken);
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain('movements');
    } finally {
      await sql`alter table revenue.movements_elsewhere rename to movements`.execute(app.db);
    }
    const rows = await app.db.selectFrom('ops.auditLog').select(['action', 'result', 'targetType', 'targetId']).where('actorId', '=', staff.id).execute();
    expect(rows).toEqual([{ action: 'revenue.exported', result: 'failure', targetType: 'revenue_report', targetId: 'drill-down' }]);
    expect((await auditRows(app, 'revenue.exported')).at(-1)!.input).toEqual({ policy: 'stripe', from: '2025-01-01', to: '2025-06-30', kind: 'churn' });
  });

  it('does not audit refused input as an export', async () => {
    const { sessionToken, staff } = await app.callerAs(['admin']);
    expect((await get('/api/revenue/export/series?from=nope&to=2025-06-30', sessionToken)).status).toBe(400);
    expect(await app.db.selectFrom('ops.auditLog').select('result').where('actorId', '=', staff.id).execute()).toEqual([]);
  });
});
