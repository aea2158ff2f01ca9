import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeEmulator } from './index.js';
import { startWithClient } from './testSupport.js';

describe('list pagination', () => {
  let emulator: StripeEmulator;
  let stripe: Stripe;
  const ids: string[] = [];
  beforeAll(async () => {
    ({ emulator, stripe } = await startWithClient());
    for (let i = 0; i < 25; i++) ids.push((await stripe.customers.create({ email: `p${i}@example.com` })).id);
  });
  afterAll(() => emulator.stop());

  it('auto-paginates all 25, newest first', async () => {
    const seen: string[] = [];
    for await (const c of stripe.customers.list({ limit: 10 })) seen.push(c.id);
    expect(seen).toEqual([...ids].reverse());
    const all = await stripe.customers.list({ limit: 7 }).autoPagingToArray({ limit: 100 });
    expect(all).toHaveLength(25);
  });

  it('starting_after / ending_before / has_more', async () => {
    const newestFirst = [...ids].reverse();
    const p1 = await stripe.customers.list({ limit: 10 });
    expect(p1.object).toBe('list');
    expect(p1.url).toBe('/v1/customers');
    expect(p1.has_more).toBe(true);
    expect(p1.data.map((c) => c.id)).toEqual(newestFirst.slice(0, 10));
    const p2 = await stripe.customers.list({ limit: 10, starting_after: p1.data.at(-1)!.id });
    expect(p2.data.map((c) => c.id)).toEqual(newestFirst.slice(10, 20));
    expect(p2.has_more).toBe(true);
    const p3 = await stripe.customers.list({ limit: 10, starting_after: p2.data.at(-1)!.id });
    expect(p3.data.map((c) => c.id)).toEqual(newestFirst.slice(20));
    expect(p3.has_more).toBe(false);
    const back = await stripe.customers.list({ limit: 10, ending_before: p2.data[0]!.id });
    expect(back.data.map((c) => c.id)).toEqual(newestFirst.slice(0, 10));
    expect(back.has_more).toBe(false);
    const back2 = await stripe.customers.list({ limit: 5, ending_before: p3.data[0]!.id });
    expect(back2.data.map((c) => c.id)).toEqual(newestFirst.slice(15, 20));
    expect(back2.has_more).toBe(true);
    const reverse: string[] = [];
    for await (const c of stripe.customers.list({ limit: 4, ending_before: p3.data[0]!.id })) reverse.push(c.id);
    expect(reverse).toEqual(newestFirst.slice(0, 20).reverse());
  });

  it('filters by email', async () => {
    const found = await stripe.customers.list({ email: 'p3@example.com' });
    expect(found.data.map((c) => c.id)).toEqual([ids[3]]);
  });
});
