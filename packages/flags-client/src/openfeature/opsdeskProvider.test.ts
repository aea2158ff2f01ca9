import { OpenFeature, ProviderEvents, ProviderStatus, type EventDetails } from '@openfeature/server-sdk';
import { compileRuleset, getVariant, isEnabled } from '@opsdesk/shared/flags/index';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleRuleset } from '../testing/rulesets.js';
import { startRulesetServer, type RulesetServer } from '../testing/rulesetServer.js';
import { OpsdeskProvider } from './index.js';

/** The provider through the real OpenFeature API, against a real HTTP server. */
let server: RulesetServer | null = null;

afterEach(async () => {
  await OpenFeature.close();
  OpenFeature.clearHandlers();
  await server?.stop().catch(() => {});
  server = null;
});

async function startProvider(options: { bootstrap?: boolean } = {}) {
  server = await startRulesetServer(exampleRuleset());
  const provider = new OpsdeskProvider({ url: server.url, apiKey: server.apiKey, refreshIntervalMs: 20, maxBackoffMs: 40, ...(options.bootstrap ? { bootstrap: exampleRuleset() } : {}) });
  return { server, provider };
}

/** The next OpenFeature event of this type, bounded. */
function nextProviderEvent(event: ProviderEvents, timeoutMs = 5_000): Promise<EventDetails> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    const handler = (details?: EventDetails) => {
      clearTimeout(timer);
      OpenFeature.removeHandler(event, handler);
      resolve(details!);
    };
    OpenFeature.addHandler(event, handler);
  });
}

const rules = compileRuleset(exampleRuleset());
const pro = (userId: string) => ({ targetingKey: userId, plan: 'pro', country: 'SE' });

describe('OpsdeskProvider', () => {
  it('resolves booleans with the targeting key as userId and attributes as properties, with reasons', async () => {
    const { provider } = await startProvider();
    await OpenFeature.setProviderAndWait(provider);
    const client = OpenFeature.getClient();
    expect(client.providerStatus).toBe(ProviderStatus.READY);
    const ids = Array.from({ length: 100 }, (_, index) => `user-${index}`);
    const inside = ids.find((id) => isEnabled(rules, 'checkout.new-flow', { userId: id, properties: { plan: 'pro', country: 'SE' } }))!;
    const outside = ids.find((id) => !isEnabled(rules, 'checkout.new-flow', { userId: id, properties: { plan: 'pro', country: 'SE' } }))!;

    expect(await client.getBooleanDetails('checkout.new-flow', false, pro(inside))).toMatchObject({ value: true, reason: 'TARGETING_MATCH' });
    expect(await client.getBooleanDetails('checkout.new-flow', true, pro(outside))).toMatchObject({ value: false, reason: 'DEFAULT' });
    // Free plan, or outside the segment: off whatever the bucket.
    expect(await client.getBooleanValue('checkout.new-flow', true, { ...pro(inside), plan: 'free' })).toBe(false);
    expect(await client.getBooleanValue('checkout.new-flow', true, { ...pro(inside), country: 'DE' })).toBe(false);
    expect(await client.getBooleanDetails('no.such.flag', true)).toMatchObject({ value: true, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' });
  });

  it('resolves strings, numbers and objects from variant payloads', async () => {
    const { provider } = await startProvider();
    await OpenFeature.setProviderAndWait(provider);
    const client = OpenFeature.getClient();
    const seen = new Set<string>();
    for (let index = 0; index < 40; index += 1) {
      const details = await client.getStringDetails('banner.copy', 'Hello', { targetingKey: `user-${index}` });
      const expected = getVariant(rules, 'banner.copy', { userId: `user-${index}` });
      expect(details).toMatchObject({ value: expected.payload!.value, variant: expected.name, reason: 'TARGETING_MATCH' });
      seen.add(details.variant!);
    }
    expect(seen).toEqual(new Set(['calm', 'loud']));

    expect(await client.getNumberDetails('search.page-size', 20)).toMatchObject({ value: 50, variant: 'large', reason: 'TARGETING_MATCH' });
    expect(await client.getObjectDetails('editor.settings', {}, { targetingKey: 'u-2' })).toMatchObject({ value: { density: 'compact', toolbar: ['bold', 'link'] }, variant: 'compact' });
    // Off for this user: the default, and no variant.
    const off = await client.getObjectDetails('editor.settings', { density: 'normal' }, { targetingKey: 'u-9' });
    expect(off).toMatchObject({ value: { density: 'normal' }, reason: 'DEFAULT' });
    expect(off.variant).toBeUndefined();
    expect(await client.getStringDetails('variant.without-payload', 'fallback')).toMatchObject({ value: 'fallback', variant: 'plain', reason: 'DEFAULT' });
    // A payload of the wrong type is an error with the default, never a throw.
    expect(await client.getNumberDetails('banner.copy', 7, { targetingKey: 'user-1' })).toMatchObject({ value: 7, reason: 'ERROR', errorCode: 'TYPE_MISMATCH' });
    expect(await client.getObjectDetails('banner.copy', { a: 1 }, { targetingKey: 'user-1' })).toMatchObject({ value: { a: 1 }, reason: 'ERROR', errorCode: 'PARSE_ERROR' });
    expect(await client.getStringDetails('no.such.flag', 'x')).toMatchObject({ value: 'x', errorCode: 'FLAG_NOT_FOUND' });
  });

  it('emits CONFIGURATION_CHANGED with the changed flags, STALE while Opsdesk is down (reason STALE), and READY when it is back', async () => {
    const { server, provider } = await startProvider();
    await OpenFeature.setProviderAndWait(provider);
    const client = OpenFeature.getClient();

    const changed = nextProviderEvent(ProviderEvents.ConfigurationChanged);
    server.setRuleset(exampleRuleset({ killSwitch: false }));
    expect((await changed).flagsChanged).toEqual(['payments.kill-switch']);
    expect(await client.getBooleanDetails('payments.kill-switch', true)).toMatchObject({ value: false, reason: 'DEFAULT' });

    const stale = nextProviderEvent(ProviderEvents.Stale);
    await server.stop();
    expect((await stale).message).toMatch(/unreachable/);
    expect(client.providerStatus).toBe(ProviderStatus.STALE);
    expect(await client.getBooleanDetails('checkout.enabled', false)).toMatchObject({ value: true, reason: 'STALE' });
    expect(await client.getBooleanDetails('payments.kill-switch', true)).toMatchObject({ value: false, reason: 'STALE' });

    const ready = nextProviderEvent(ProviderEvents.Ready);
    await server.restart();
    await ready;
    expect(client.providerStatus).toBe(ProviderStatus.READY);
    expect(await client.getBooleanDetails('checkout.enabled', false)).toMatchObject({ value: true, reason: 'TARGETING_MATCH' });
  });

  it('fails initialisation with ERROR when Opsdesk is unreachable and there is no bootstrap, then becomes READY', async () => {
    const { server, provider } = await startProvider();
    await server.stop();
    await expect(OpenFeature.setProviderAndWait(provider)).rejects.toBeDefined();
    const client = OpenFeature.getClient();
    expect(client.providerStatus).toBe(ProviderStatus.ERROR);
    expect(await client.getBooleanDetails('checkout.enabled', false)).toMatchObject({ value: false, reason: 'ERROR', errorCode: 'PROVIDER_NOT_READY' });

    const ready = nextProviderEvent(ProviderEvents.Ready);
    await server.restart();
    await ready;
    expect(await client.getBooleanValue('checkout.enabled', false)).toBe(true);
  });

  it('starts from a bootstrap when Opsdesk is unreachable, answering with reason STALE', async () => {
    const { server, provider } = await startProvider({ bootstrap: true });
    await server.stop();
    await OpenFeature.setProviderAndWait(provider);
    const client = OpenFeature.getClient();
    expect(await client.getBooleanDetails('checkout.enabled', false)).toMatchObject({ value: true, reason: 'STALE' });
    expect(provider.client.status()).toMatchObject({ state: 'stale', lastSuccessAt: null });
  });
});
