import { OpenFeature } from '@openfeature/server-sdk';
import type { FlagContext } from '@opsdesk/shared/flags/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The server is a test-only dependency: the client itself never imports it.
import { createTestApp, type TestApp } from '../../../server/src/testing/testApp.js';
import { createFlagsClient } from './index.js';
import { OpsdeskProvider } from './openfeature/index.js';
import { nextEvent } from './testing/events.js';

/**
 * The client against a real test Opsdesk (migrated PostgreSQL, the real client API): it
 * answers as Opsdesk's own evaluation API does, picks up a change made in the console,
 * keeps answering when Opsdesk stops, and the OpenFeature provider reads the same flags.
 * Needs the root config's database setup: `npx vitest run packages/flags-client/src/flagsClient.opsdesk.test.ts`.
 */
type Admin = Awaited<ReturnType<TestApp['callerAs']>>['api'];

let app: TestApp;
let url: string;
let admin: Admin;
let apiKey: string;

beforeAll(async () => {
  // No approval by type: this test is about the client following Opsdesk; approvals have their own (flagChange.action.test.ts).
  app = await createTestApp({ RATE_LIMIT_FLAGS_API: '100000/60', FLAG_APPROVAL_TYPES: '' });
  url = await app.listen({ connectWebhooks: false });
  admin = (await app.callerAs(['admin'])).api;
  await admin.flags.create({ key: 'checkout.new', type: 'release' });
  await admin.flags.setEnvironment({
    key: 'checkout.new', environment: 'production', enabled: true,
    strategies: [{ name: 'flexibleRollout', parameters: { rollout: '40', stickiness: 'userId' }, constraints: [{ contextName: 'plan', operator: 'IN', values: ['pro'] }] }],
    variants: [{ name: 'blue', weight: 500, stickiness: 'default', payload: { type: 'string', value: 'b' } }, { name: 'green', weight: 500, stickiness: 'default', payload: { type: 'string', value: 'g' } }],
  });
  await admin.flags.create({ key: 'payments.kill-switch', type: 'kill-switch' });
  await admin.flags.setEnvironment({ key: 'payments.kill-switch', environment: 'production', enabled: true, strategies: [{ name: 'default' }] });
  apiKey = (await admin.flags.keys.create({ environment: 'production', name: 'flags-client test' })).secret;
}, 60_000);
afterAll(async () => {
  await OpenFeature.close();
  await app?.close();
});

const contexts: FlagContext[] = Array.from({ length: 60 }, (_, index) => ({ userId: `u-${index}`, properties: { plan: index % 2 === 0 ? 'pro' : 'free' } }));

async function evaluateOnOpsdesk(context: FlagContext): Promise<Record<string, { enabled: boolean; variant: { name: string } }>> {
  const response = await fetch(`${url}/api/flags/evaluate`, { method: 'POST', headers: { authorization: apiKey, 'content-type': 'application/json' }, body: JSON.stringify({ context }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { flags: Record<string, { enabled: boolean; variant: { name: string } }> }).flags;
}

describe('flags client against a real Opsdesk', () => {
  it('answers as the evaluation API, follows a console change, and keeps answering when Opsdesk stops', async () => {
    const client = createFlagsClient({ url, apiKey, refreshIntervalMs: 50, maxBackoffMs: 100 });
    try {
      await client.ready();
      expect(client.status()).toMatchObject({ state: 'ready', etag: expect.any(String) });
      let enabled = 0;
      for (const context of contexts) {
        const served = await evaluateOnOpsdesk(context);
        for (const name of ['checkout.new', 'payments.kill-switch']) {
          expect(client.isEnabled(name, context)).toBe(served[name]!.enabled);
          expect(client.getVariant(name, context).name).toBe(served[name]!.variant.name);
        }
        if (client.isEnabled('checkout.new', context)) enabled += 1;
      }
      expect(enabled).toBeGreaterThan(0);
      expect(enabled).toBeLessThan(30);

      const etag = client.status().etag;
      const changed = nextEvent(client, 'change', 10_000);
      await admin.flags.setEnvironment({ key: 'payments.kill-switch', environment: 'production', enabled: false, strategies: [{ name: 'default' }] });
      expect((await changed).flagsChanged).toEqual(['payments.kill-switch']);
      expect(client.isEnabled('payments.kill-switch')).toBe(false);
      expect(client.status().etag).not.toBe(etag);

      const provider = new OpsdeskProvider(client);
      await OpenFeature.setProviderAndWait(provider);
      const features = OpenFeature.getClient();
      const pro = contexts.find((context) => client.isEnabled('checkout.new', context))!;
      expect(await features.getStringDetails('checkout.new', 'none', { targetingKey: pro.userId!, plan: 'pro' })).toMatchObject({ value: client.getVariant('checkout.new', pro).payload!.value, reason: 'TARGETING_MATCH' });
      expect(await features.getBooleanDetails('payments.kill-switch', true)).toMatchObject({ value: false, reason: 'DEFAULT' });

      const stale = nextEvent(client, 'stale', 10_000);
      await app.close();
      expect((await stale).state).toBe('stale');
      expect(client.isEnabled('checkout.new', pro)).toBe(true);
      expect(await features.getBooleanDetails('checkout.new', false, { targetingKey: pro.userId!, plan: 'pro' })).toMatchObject({ value: true, reason: 'STALE' });
    } finally {
      client.close();
    }
  });
});
