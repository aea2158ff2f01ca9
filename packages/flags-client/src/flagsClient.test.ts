import { compileRuleset, getVariant, isEnabled, type FlagContext } from '@opsdesk/shared/flags/index';
import { afterEach, describe, expect, it } from 'vitest';
import { createFlagsClient, type FlagsClient, type FlagsClientOptions } from './index.js';
import { nextEvent } from './testing/events.js';
import { exampleRuleset } from './testing/rulesets.js';
import { startRulesetServer, type RulesetServer } from './testing/rulesetServer.js';

const proUser = (userId: string): FlagContext => ({ userId, properties: { plan: 'pro', country: 'NO' } });

let server: RulesetServer | null = null;
let client: FlagsClient | null = null;

async function start(options: Partial<FlagsClientOptions> = {}, document: unknown = exampleRuleset()) {
  server = await startRulesetServer(document);
  client = createFlagsClient({ url: server.url, apiKey: server.apiKey, refreshIntervalMs: 20, maxBackoffMs: 40, ...options });
  return { server, client };
}

/** A user in the 50 % rollout of checkout.new-flow, and one outside it (found with the shared evaluator). */
function usersAroundRollout() {
  const rules = compileRuleset(exampleRuleset());
  const ids = Array.from({ length: 200 }, (_, index) => `user-${index}`);
  return { inside: ids.find((id) => isEnabled(rules, 'checkout.new-flow', proUser(id)))!, outside: ids.find((id) => !isEnabled(rules, 'checkout.new-flow', proUser(id)))! };
}

afterEach(async () => {
  client?.close();
  client = null;
  await server?.stop().catch(() => {});
  server = null;
});

describe('flags client: ETag polling', () => {
  it('fetches the ruleset with the API key, then keeps it on 304s and sends the ETag back', async () => {
    const { server, client } = await start();
    await client.ready();
    expect(client.status()).toMatchObject({ state: 'ready', lastError: null, etag: '"rev-1"' });
    expect(client.status().lastSuccessAt).toBeInstanceOf(Date);
    await expect.poll(() => server.counts.notModified, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    expect(server.counts.full).toBe(1);
    expect(server.lastRequest?.headers['if-none-match']).toBe('"rev-1"');
    expect(server.lastRequest?.headers.authorization).toBe(server.apiKey);
    const { inside, outside } = usersAroundRollout();
    expect(client.isEnabled('checkout.new-flow', proUser(inside))).toBe(true);
    expect(client.isEnabled('checkout.new-flow', proUser(outside))).toBe(false);
    expect(client.status().state).toBe('ready');
  });

  it('picks up a change on the next poll and names the flags it changed', async () => {
    const { server, client } = await start();
    await client.ready();
    const { outside } = usersAroundRollout();
    expect(client.isEnabled('checkout.new-flow', proUser(outside))).toBe(false);
    const changed = nextEvent(client, 'change');
    server.setRuleset(exampleRuleset({ rollout: 100, killSwitch: false }));
    expect(await changed).toEqual({ flagsChanged: ['checkout.new-flow', 'payments.kill-switch'], etag: '"rev-2"' });
    expect(client.isEnabled('checkout.new-flow', proUser(outside))).toBe(true);
    expect(client.isEnabled('payments.kill-switch')).toBe(false);
    expect(server.counts.full).toBe(2);
  });
});

describe('flags client: when Opsdesk fails', () => {
  it('keeps answering from the last ruleset while Opsdesk is down, says it is stale, and recovers', async () => {
    const { server, client } = await start();
    await client.ready();
    const { inside } = usersAroundRollout();
    const stale = nextEvent(client, 'stale');
    await server.stop();
    const status = await stale;
    expect(status.state).toBe('stale');
    expect(status.lastError?.kind).toBe('network');
    expect(client.isEnabled('checkout.new-flow', proUser(inside))).toBe(true);
    expect(client.getVariant('search.page-size').payload).toEqual({ type: 'number', value: '50' });
    expect(client.allFlags()).toHaveLength(7);
    await expect.poll(() => client.status().consecutiveFailures, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    expect(client.status().lastSuccessAt!.getTime()).toBeLessThanOrEqual(Date.now());

    const ready = nextEvent(client, 'ready');
    await server.restart();
    expect((await ready).state).toBe('ready');
    expect(client.status()).toMatchObject({ state: 'ready', consecutiveFailures: 0 });
  });

  it.each([
    ['not-json', 'invalid_ruleset', /not JSON/],
    ['invalid-ruleset', 'invalid_ruleset', /features\.0\.enabled/],
    ['http-500', 'http', /HTTP 500/],
  ] as const)('ignores a %s answer and keeps the last good ruleset', async (mode, kind, message) => {
    const errors: unknown[] = [];
    const { server, client } = await start({ onError: (error) => errors.push(error) });
    await client.ready();
    // A new ruleset goes unseen: the garbage must not replace the held one either.
    server.setRuleset(exampleRuleset({ killSwitch: false }));
    server.setMode(mode);
    const error = await nextEvent(client, 'error');
    expect(error).toMatchObject({ kind });
    expect(error.message).toMatch(message);
    expect(errors[0]).toBe(error);
    expect(client.status().state).toBe('stale');
    expect(client.isEnabled('payments.kill-switch')).toBe(true);
    expect(client.isEnabled('checkout.enabled')).toBe(true);

    server.setMode('ok');
    await nextEvent(client, 'change');
    expect(client.isEnabled('payments.kill-switch')).toBe(false);
    expect(client.status().state).toBe('ready');
  });

  it('reports a refused API key as unauthorized', async () => {
    const { client } = await start({ apiKey: 'revoked-key' });
    await expect(client.ready()).rejects.toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(client.status()).toMatchObject({ state: 'not_ready', lastSuccessAt: null });
    expect(client.isEnabled('checkout.enabled', {}, true)).toBe(true);
    expect(client.isEnabled('checkout.enabled')).toBe(false);
  });

  it('never throws from evaluation: unknown flags, odd contexts and no ruleset get fallbacks', async () => {
    const { client } = await start();
    await client.ready();
    expect(client.isEnabled('no.such.flag')).toBe(false);
    expect(client.isEnabled('no.such.flag', {}, true)).toBe(true);
    expect(client.getVariant('no.such.flag')).toMatchObject({ name: 'disabled', enabled: false });
    const explode = (): never => {
      throw new Error('getter exploded');
    };
    const hostile = Object.defineProperties({}, { userId: { get: explode, enumerable: true }, properties: { get: explode, enumerable: true } }) as FlagContext;
    expect(client.isEnabled('checkout.new-flow', hostile, true)).toBe(true);
    expect(client.getVariant('banner.copy', hostile)).toMatchObject({ name: 'disabled' });
    expect(client.allFlags(hostile)).toEqual([]);
  });
});

describe('flags client: bootstrap and cold starts', () => {
  it('answers from the bootstrap when Opsdesk is unreachable at start, then from Opsdesk once it answers', async () => {
    const { server, client: first } = await start();
    await first.ready();
    first.close();
    await server.stop();

    client = createFlagsClient({ url: server.url, apiKey: server.apiKey, refreshIntervalMs: 20, maxBackoffMs: 40, bootstrap: exampleRuleset({ killSwitch: false }) });
    expect(client.status()).toMatchObject({ state: 'stale', lastSuccessAt: null });
    expect(client.isEnabled('payments.kill-switch')).toBe(false);
    const stale = nextEvent(client, 'stale');
    await client.ready();
    expect((await stale).lastError?.kind).toBe('network');
    expect(client.isEnabled('payments.kill-switch')).toBe(false);

    const change = nextEvent(client, 'change');
    await server.restart();
    // Only what differs from the bootstrap counts as changed.
    expect((await change).flagsChanged).toEqual(['payments.kill-switch']);
    expect(client.isEnabled('payments.kill-switch')).toBe(true);
    expect(client.status().state).toBe('ready');
  });

  it('without a bootstrap, ready() rejects when Opsdesk is unreachable, and the client becomes ready when it answers', async () => {
    const { server, client: first } = await start();
    await first.ready();
    first.close();
    await server.stop();

    client = createFlagsClient({ url: server.url, apiKey: server.apiKey, refreshIntervalMs: 20, maxBackoffMs: 40 });
    await expect(client.ready()).rejects.toMatchObject({ kind: 'network' });
    expect(client.status().state).toBe('not_ready');
    expect(client.allFlags()).toEqual([]);
    const ready = nextEvent(client, 'ready');
    await server.restart();
    await ready;
    expect(client.isEnabled('checkout.enabled')).toBe(true);
  });

  it('ignores an invalid bootstrap and says why', async () => {
    const errors: string[] = [];
    const { client } = await start({ bootstrap: { features: [{ name: '' }] } as never, onError: (error) => errors.push(error.kind) });
    expect(errors).toEqual(['invalid_ruleset']);
    await client.ready();
    expect(client.isEnabled('checkout.enabled')).toBe(true);
  });

  it('stops polling on close', async () => {
    const { server, client } = await start();
    await client.ready();
    await expect.poll(() => server.counts.requests, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    await client.refresh();
    client.close();
    const after = server.counts.requests;
    // After close() even an explicit refresh sends nothing, and the held ruleset still answers.
    await client.refresh();
    expect(server.counts.requests).toBe(after);
    expect(client.status().state).toBe('ready');
    expect(client.isEnabled('checkout.enabled')).toBe(true);
  });
});

describe('flags client: local evaluation', () => {
  it('answers exactly as the shared evaluator on the same ruleset', async () => {
    const { client } = await start();
    await client.ready();
    const rules = compileRuleset(exampleRuleset());
    const plans = ['pro', 'free', undefined];
    const countries = ['NO', 'SE', 'DE'];
    let enabledAnswers = 0;
    for (let index = 0; index < 600; index += 1) {
      // Always a userId: without one, userId-sticky variants are random, in both evaluators.
      const context: FlagContext = { userId: `u-${index}`, sessionId: `s-${index}`, properties: { plan: plans[index % 3], country: countries[index % 3 === 0 ? index % 2 : 2] } };
      for (const name of rules.featureNames) {
        const enabled = client.isEnabled(name, context);
        expect(enabled).toBe(isEnabled(rules, name, context));
        expect(client.getVariant(name, context)).toEqual(getVariant(rules, name, context));
        if (enabled) enabledAnswers += 1;
      }
      expect(client.allFlags(context).map(({ name, enabled }) => [name, enabled])).toEqual(rules.featureNames.map((name) => [name, isEnabled(rules, name, context)]));
    }
    // Both answers occur: the comparison is not trivially "all false".
    expect(enabledAnswers).toBeGreaterThan(600);
    expect(enabledAnswers).toBeLessThan(600 * rules.featureNames.length);
  });
});
