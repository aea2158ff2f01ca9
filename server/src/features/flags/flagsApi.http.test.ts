import { once } from 'node:events';
import { compileRuleset, getVariant, isEnabled, type FlagContext } from '@opsdesk/shared';
import { InMemStorageProvider, Unleash, type Context } from 'unleash-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { within } from '../../testing/bounded.js';
import { createTestApp, type TestApp } from '../../testing/testApp.js';

/**
 * The flags API over real HTTP against a migrated PostgreSQL: the client API's shape,
 * ETag and 304, keys scoped to one environment, revoked and wrong keys 401, the
 * evaluation API (and its refusals), and the official npm `unleash-client` polling a
 * test Opsdesk for real, answering as the shared evaluator does on the same contexts.
 */
const APP = { appName: 'opsdesk-http-test', environment: 'default' };
type Admin = Awaited<ReturnType<TestApp['callerAs']>>['api'];
interface ServedFeatures {
  version: number;
  features: Array<{ name: string; enabled: boolean; strategies: Array<{ parameters: Record<string, string> }> }>;
  segments: unknown[];
  meta: unknown;
}
type Answers = Record<string, { enabled: boolean; variant: unknown }>;
const served = async (response: Response) => (await response.json()) as ServedFeatures;

async function seedFlags(app: TestApp, admin: Admin): Promise<void> {
  const segment = await app.db.insertInto('ops.flagSegments').values({ name: 'nordics', constraints: JSON.stringify([{ contextName: 'country', operator: 'IN', values: ['NO', 'SE'] }]) }).returning('id').executeTakeFirstOrThrow();
  const flags: Array<[string, Parameters<Admin['flags']['setEnvironment']>[0]]> = [
    ['checkout.new', { key: 'checkout.new', environment: 'production', enabled: true,
      strategies: [{ name: 'flexibleRollout', parameters: { rollout: '30', stickiness: 'userId' }, constraints: [{ contextName: 'plan', operator: 'IN', values: ['pro'] }] }],
      variants: [{ name: 'blue', weight: 500, stickiness: 'default', payload: { type: 'string', value: 'b' } }, { name: 'green', weight: 500, stickiness: 'default', overrides: [{ contextName: 'userId', values: ['u-7'] }] }] }],
    ['nordic.launch', { key: 'nordic.launch', environment: 'production', enabled: true, strategies: [{ name: 'default', segments: [segment.id] }] }],
    ['beta.users', { key: 'beta.users', environment: 'production', enabled: true, strategies: [{ name: 'userWithId', parameters: { userIds: 'u-1,u-2,u-3' } }] }],
    ['gradual.session', { key: 'gradual.session', environment: 'production', enabled: true, strategies: [{ name: 'gradualRolloutSessionId', parameters: { percentage: '40' } }] }],
    ['semver.gate', { key: 'semver.gate', environment: 'production', enabled: true, strategies: [{ name: 'default', constraints: [{ contextName: 'appVersion', operator: 'SEMVER_GTE', value: '2.1.0' }] }] }],
    ['switched.off', { key: 'switched.off', environment: 'production', enabled: false, strategies: [{ name: 'default' }] }],
    ['staging.only', { key: 'staging.only', environment: 'staging', enabled: true, strategies: [{ name: 'default' }] }],
  ];
  for (const [key, state] of flags) {
    await admin.flags.create({ key, type: 'release' });
    await admin.flags.setEnvironment(state);
  }
}

function contexts(): FlagContext[] {
  const plans = ['pro', 'free', 'business'];
  const countries = ['NO', 'SE', 'DE', 'US'];
  return Array.from({ length: 120 }, (_, i) => ({
    userId: `u-${i}`,
    sessionId: `s-${i * 7}`,
    properties: { plan: plans[i % 3]!, country: countries[i % 4]!, appVersion: `2.${i % 4}.0` },
  }));
}

describe('flags API over HTTP', () => {
  let app: TestApp;
  let url: string;
  let admin: Admin;
  let production: string;
  let staging: string;
  const features = (key: string | undefined, headers: Record<string, string> = {}) => fetch(`${url}/api/client/features`, { headers: { ...(key ? { authorization: key } : {}), ...headers } });
  const evaluate = (key: string, body: unknown, contentType = 'application/json') =>
    fetch(`${url}/api/flags/evaluate`, { method: 'POST', headers: { authorization: key, 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  beforeAll(async () => {
    app = await createTestApp({ RATE_LIMIT_FLAGS_API: '100000/60' });
    url = await app.listen({ connectWebhooks: false });
    admin = (await app.callerAs(['admin'])).api;
    await seedFlags(app, admin);
    production = (await admin.flags.keys.create({ environment: 'production', name: 'web' })).secret;
    staging = (await admin.flags.keys.create({ environment: 'staging', name: 'web staging' })).secret;
  }, 60_000);
  afterAll(() => app?.close());

  it("serves Unleash's client-API shape for the key's environment, with an ETag that answers 304 until a change", async () => {
    const first = await features(production);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    const body = await served(first);
    expect(body).toMatchObject({ version: 2, meta: { etag, revisionId: expect.any(Number) }, segments: [{ name: 'nordics' }] });
    expect(body.features.map((f) => f.name)).toContain('checkout.new');
    // groupId is filled as Unleash's server fills it: unleash-client relies on it.
    expect(body.features.find((f) => f.name === 'checkout.new')!.strategies[0]!.parameters.groupId).toBe('checkout.new');
    expect(body.features.find((f) => f.name === 'staging.only')).toMatchObject({ enabled: false });

    expect((await features(production, { 'if-none-match': etag })).status).toBe(304);
    const stagingEtag = (await features(staging)).headers.get('etag')!;
    await admin.flags.setEnvironment({ key: 'switched.off', environment: 'production', enabled: true, strategies: [{ name: 'default' }] });
    const changed = await features(production, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((await served(changed)).features.find((f) => f.name === 'switched.off')).toMatchObject({ enabled: true });
    // Another environment's revision did not move.
    expect((await features(staging, { 'if-none-match': stagingEtag })).status).toBe(304);
    await admin.flags.setEnvironment({ key: 'switched.off', environment: 'production', enabled: false, strategies: [{ name: 'default' }] });
  });

  it('refuses a missing, wrong or revoked key with 401, and a key only reads its own environment', async () => {
    expect((await features(undefined)).status).toBe(401);
    expect((await features('opsdesk_production_notarealkey')).status).toBe(401);
    expect((await features('x'.repeat(5000))).status).toBe(401);
    const doomed = await admin.flags.keys.create({ environment: 'production', name: 'doomed' });
    expect((await features(doomed.secret)).status).toBe(200);
    await admin.flags.keys.revoke({ id: doomed.id });
    expect((await features(doomed.secret)).status).toBe(401);
    expect((await evaluate(doomed.secret, { context: {} })).status).toBe(401);
    const stagingBody = await served(await features(`Bearer ${staging}`));
    expect(stagingBody.features.find((f) => f.name === 'staging.only')).toMatchObject({ enabled: true });
    expect(stagingBody.features.find((f) => f.name === 'checkout.new')).toMatchObject({ enabled: false, strategies: [] });
  });

  it('the npm unleash-client polling this Opsdesk answers as the shared evaluator and the evaluation API do', async () => {
    const unleash = new Unleash({
      ...APP,
      url: `${url}/api/`,
      customHeaders: { Authorization: production },
      refreshInterval: 60_000,
      disableMetrics: true,
      storageProvider: new InMemStorageProvider(),
      skipInstanceCountWarning: true,
    });
    const errors: unknown[] = [];
    unleash.on('error', (error) => errors.push(error));
    try {
      await within(once(unleash, 'synchronized'), 'unleash-client fetching the ruleset');
      expect(errors).toEqual([]);
      const document = await served(await features(production));
      const compiled = compileRuleset(document);
      const names = document.features.map((f) => f.name);
      const seen = { on: 0, off: 0, variants: 0 };
      for (const given of contexts()) {
        const context = { ...APP, ...given };
        const answered = ((await (await evaluate(production, { context })).json()) as { flags: Answers }).flags;
        for (const name of names) {
          const enabled = unleash.isEnabled(name, given as Context);
          expect(isEnabled(compiled, name, context), `${name} ${JSON.stringify(given)}`).toBe(enabled);
          expect(answered[name]!.enabled, `API ${name} ${JSON.stringify(given)}`).toBe(enabled);
          const variant = unleash.getVariant(name, given as Context);
          expect(getVariant(compiled, name, context)).toMatchObject({ name: variant.name, enabled: variant.enabled });
          expect(answered[name]!.variant).toEqual({ name: variant.name, enabled: variant.enabled, ...(variant.payload ? { payload: variant.payload } : {}) });
          seen[enabled ? 'on' : 'off'] += 1;
          if (variant.enabled) seen.variants += 1;
        }
      }
      // Both answers and real variants are reached: not a degenerate all-off comparison.
      expect(seen.on).toBeGreaterThan(50);
      expect(seen.off).toBeGreaterThan(50);
      expect(seen.variants).toBeGreaterThan(5);
    } finally {
      unleash.destroy();
    }
  }, 60_000);

  it('evaluates named flags for one context; an unknown flag is off', async () => {
    const answer = await evaluate(production, { context: { userId: 'u-2', properties: { plan: 'pro', country: 'NO' } }, flags: ['beta.users', 'nordic.launch', 'no.such.flag', 'switched.off'] });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      flags: {
        'beta.users': { enabled: true, variant: { name: 'disabled', enabled: false } },
        'nordic.launch': { enabled: true, variant: { name: 'disabled', enabled: false } },
        'no.such.flag': { enabled: false, variant: { name: 'disabled', enabled: false } },
        'switched.off': { enabled: false, variant: { name: 'disabled', enabled: false } },
      },
    });
  });

  it('hostile bodies are a 400 (or 413 when too large), never a 500', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const bodies: Array<[unknown, string?]> = [
      ['{not json'],
      [[1, 2, 3]],
      [{ context: {}, extra: true }],
      [{ context: { userId: 42 } }],
      [{ context: { properties: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}`, 'x'])) } }],
      [{ context: {}, flags: [] }],
      [{ context: { properties: { ['\u0000']: 'x' } } }],
      [deep],
      ['context=1', 'application/x-www-form-urlencoded'],
      ['{"context":{}}', 'text/plain'],
      ['{"__proto__":{"polluted":true},"context":{}}'],
    ];
    for (const [body, type] of bodies) {
      const response = await evaluate(production, body, type);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    }
    expect((await evaluate(production, { context: { userId: 'x'.repeat(70_000) } })).status).toBe(413);
  });

  it('stores the metrics and registration the npm unleash-client sends, and flags.metrics shows them', async () => {
    const unleash = new Unleash({
      ...APP,
      instanceId: 'metrics-test-1',
      url: `${url}/api/`,
      customHeaders: { Authorization: production },
      refreshInterval: 60_000,
      metricsInterval: 200,
      storageProvider: new InMemStorageProvider(),
      skipInstanceCountWarning: true,
    });
    const warnings: unknown[] = [];
    unleash.on('warn', (warning) => warnings.push(warning));
    unleash.on('error', (error) => warnings.push(error));
    try {
      const registered = once(unleash, 'registered');
      await within(once(unleash, 'synchronized'), 'unleash-client fetching the ruleset');
      await within(registered, 'unleash-client registering');
      const sent = once(unleash, 'sent');
      for (const userId of ['u-1', 'u-2', 'u-9']) unleash.isEnabled('beta.users', { userId });
      unleash.getVariant('checkout.new', { userId: 'u-7', properties: { plan: 'pro' } });
      unleash.isEnabled('no.such.flag');
      const [payload] = (await within(sent, 'unleash-client sending metrics')) as [{ bucket: { toggles: Record<string, unknown> } }];
      expect(Object.keys(payload.bucket.toggles)).toContain('no.such.flag');
      expect(warnings).toEqual([]);
    } finally {
      unleash.destroy();
    }
    const reader = (await app.callerAs(['support'])).api;
    const beta = await reader.flags.metrics({ key: 'beta.users' });
    expect(beta.totals).toEqual({ yes: 2, no: 1 });
    expect(beta.buckets).toEqual([{ hour: expect.any(String), environment: 'production', yes: 2, no: 1, variants: {} }]);
    expect(new Date(beta.buckets[0]!.hour).getUTCMinutes()).toBe(0);
    expect(beta.lastReportedAt).not.toBeNull();
    const checkout = await reader.flags.metrics({ key: 'checkout.new', environment: 'production' });
    expect(Object.values(checkout.buckets[0]!.variants).reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(await reader.flags.metrics({ key: 'checkout.new', environment: 'staging' })).toEqual({ key: 'checkout.new', buckets: [], totals: { yes: 0, no: 0 }, lastReportedAt: null });
    const clients = await app.db.selectFrom('ops.flagClients').selectAll().where('instanceId', '=', 'metrics-test-1').execute();
    expect(clients).toEqual([expect.objectContaining({ environment: 'production', appName: APP.appName, sdkVersion: expect.stringMatching(/^unleash-node-sdk:/), intervalMs: 200 })]);
  }, 60_000);

  it('sums metrics posts into the hour, and refuses garbage with a 400', async () => {
    const post = (body: unknown) => fetch(`${url}/api/client/metrics`, { method: 'POST', headers: { authorization: staging, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const now = new Date().toISOString();
    const report = (toggles: unknown) => ({ appName: 'raw', instanceId: 'raw-1', bucket: { start: now, stop: now, toggles } });
    expect((await post(report({ 'staging.only': { yes: 5, no: 1, variants: { a: 2 } } }))).status).toBe(202);
    expect((await post(report({ 'staging.only': { yes: 1, no: 0, variants: { a: 1, b: 4 } }, unknown: { yes: 1, no: 1 } }))).status).toBe(202);
    const metrics = await admin.flags.metrics({ key: 'staging.only', environment: 'staging' });
    expect(metrics.buckets).toEqual([expect.objectContaining({ environment: 'staging', yes: 6, no: 1, variants: { a: 3, b: 4 } })]);

    const tooMany = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`f${i}`, { yes: 1, no: 0 }]));
    for (const body of ['{oops', [], {}, report({ x: { yes: -1, no: 0 } }), report({ x: { yes: 1.5, no: 0 } }), report(tooMany), { ...report({}), extra: 1 }, report({ x: { yes: 1, no: 0, extra: 1 } })]) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(400);
    }
    expect((await fetch(`${url}/api/client/metrics`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(report({})) })).status).toBe(401);
    expect((await admin.flags.metrics({ key: 'staging.only', environment: 'staging' })).totals).toEqual({ yes: 6, no: 1 });
  });

  it('serves a flag\'s dependencies, and refuses a dependency on itself, an unknown flag, a cycle or a chain with a 400', async () => {
    await admin.flags.create({ key: 'dep.parent', type: 'release' });
    await admin.flags.create({ key: 'dep.child', type: 'release' });
    await admin.flags.setEnvironment({ key: 'dep.parent', environment: 'production', enabled: false, strategies: [{ name: 'default' }] });
    await admin.flags.setEnvironment({ key: 'dep.child', environment: 'production', enabled: true, strategies: [{ name: 'default' }] });
    const updated = await admin.flags.update({ key: 'dep.child', dependencies: [{ feature: 'dep.parent', enabled: true }] });
    expect(updated.dependencies).toEqual([{ feature: 'dep.parent', enabled: true }]);
    const body = await served(await features(production));
    expect(body.features.find((f) => f.name === 'dep.child')).toMatchObject({ dependencies: [{ feature: 'dep.parent', enabled: true }] });
    expect(body.features.find((f) => f.name === 'dep.parent')).not.toHaveProperty('dependencies');
    const answer = async () => ((await (await evaluate(production, { context: {}, flags: ['dep.child'] })).json()) as { flags: Answers }).flags['dep.child']!.enabled;
    expect(await answer()).toBe(false);
    await admin.flags.setEnvironment({ key: 'dep.parent', environment: 'production', enabled: true, strategies: [{ name: 'default' }] });
    expect(await answer()).toBe(true);

    await admin.flags.create({ key: 'dep.third', type: 'release' });
    const refusals: Array<[Parameters<Admin['flags']['update']>[0], string]> = [
      [{ key: 'dep.third', dependencies: [{ feature: 'dep.third' }] }, 'itself'],
      [{ key: 'dep.third', dependencies: [{ feature: 'no.such.parent' }] }, 'no live flag "no.such.parent"'],
      [{ key: 'dep.parent', dependencies: [{ feature: 'dep.child' }] }, 'cycle'],
      [{ key: 'dep.third', dependencies: [{ feature: 'dep.child' }] }, 'cannot have parents'],
      [{ key: 'dep.parent', dependencies: [{ feature: 'dep.third' }] }, 'cannot have parents'],
    ];
    for (const [input, message] of refusals) await expect(admin.flags.update(input), JSON.stringify(input)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining(message) });
    await expect(admin.flags.update({ key: 'dep.child', dependencies: [{ feature: 'x', extra: 1 } as never] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await admin.flags.update({ key: 'dep.child', dependencies: [] })).dependencies).toEqual([]);

    // Two flags made each other's parent at the same time: one wins, the other is refused (never a cycle).
    await admin.flags.create({ key: 'race.x', type: 'release' });
    await admin.flags.create({ key: 'race.y', type: 'release' });
    const raced = await Promise.allSettled([admin.flags.update({ key: 'race.x', dependencies: [{ feature: 'race.y' }] }), admin.flags.update({ key: 'race.y', dependencies: [{ feature: 'race.x' }] })]);
    expect(raced.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const both = await Promise.all(['race.x', 'race.y'].map((key) => admin.flags.get({ key })));
    expect(both.filter((flag) => flag.dependencies.length > 0)).toHaveLength(1);
  });

  it('sends no CORS headers when FLAGS_CORS_ORIGINS is not set', async () => {
    const preflight = await fetch(`${url}/api/client/features`, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect((await features(production, { origin: 'https://app.example.com' })).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('flags API CORS', () => {
  let app: TestApp;
  let url: string;
  let key: string;
  const origin = 'https://app.example.com';
  beforeAll(async () => {
    app = await createTestApp({ FLAGS_CORS_ORIGINS: `${origin}, http://localhost:5173`, RATE_LIMIT_FLAGS_API: '100000/60' });
    url = await app.listen({ connectWebhooks: false });
    key = (await (await app.callerAs(['admin'])).api.flags.keys.create({ environment: 'production', name: 'browser' })).secret;
  });
  afterAll(() => app?.close());

  it('answers preflights for the browser paths from listed origins, allowing the three headers and exposing ETag', async () => {
    for (const [path, method] of [['/api/client/features', 'GET'], ['/api/client/segments', 'GET'], ['/api/flags/evaluate', 'POST'], ['/api/client/metrics', 'POST']] as const) {
      const preflight = await fetch(`${url}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type,if-none-match' } });
      expect(preflight.status, path).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toBe('authorization,content-type,if-none-match');
      expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    }
    const response = await fetch(`${url}/api/client/features`, { headers: { origin, authorization: key } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-expose-headers')).toBe('ETag');
    expect(response.headers.get('vary')).toContain('Origin');
    const stranger = await fetch(`${url}/api/client/features`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    // Registration is a server SDK's: not opened to browsers.
    expect((await fetch(`${url}/api/client/register`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } })).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a malformed origin list at start-up', async () => {
    await expect(createTestApp({ FLAGS_CORS_ORIGINS: 'https://ok.example/path' })).rejects.toThrow(/FLAGS_CORS_ORIGINS/);
  });
});

describe('flags API rate limit', () => {
  let app: TestApp;
  let url: string;
  beforeAll(async () => {
    app = await createTestApp({ RATE_LIMIT_FLAGS_API: '3/60' });
    url = await app.listen({ connectWebhooks: false });
  });
  afterAll(() => app?.close());

  it('answers 429 with Retry-After past the flagsApi limit, before the key is checked', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${url}/api/client/features`, { headers: { authorization: 'wrong' } })).status);
    expect(statuses).toEqual([401, 401, 401]);
    const refused = await fetch(`${url}/api/flags/evaluate`, { method: 'POST', headers: { authorization: 'wrong', 'content-type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED', limit: 'flagsApi' } });
  });
});
