import { createServer, type AddressInfo, type Socket } from 'node:net';
import { generate } from 'otplib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.js';
import { freePort } from '../../testing/freePort.js';
import { startOidcProvider, type TestAccount, type TestOidcProvider } from '../../testing/oidcProvider.js';
import { auditRows, createTestApp, type TestApp } from '../../testing/testApp.js';
import { updateStaff } from '../staff/staff.queries.js';
import { encryptSecret } from './secretBox.js';
import { createTotpSecret } from './totp.js';

/**
 * Staff SSO walked over HTTP, as a browser would, against a real OpenID Connect provider
 * (oidc-provider) and real Opsdesk apps: one trusting the provider's MFA and limited to
 * example.test, one asking its own TOTP code whatever the provider says.
 */
const SESSION_COOKIE = 'opsdesk_session';
const NO_MFA = ['pwd'];

/** The cookies a browser would hold for 127.0.0.1 (cookies do not separate ports). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=/i.test(a) && new Date(a.split('=')[1] ?? '') < new Date()) || attributes.some((a) => /^\s*max-age=0$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

async function get(url: string, jar: CookieJar): Promise<Response> {
  const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.store(response);
  return response;
}

/**
 * Follows the redirects from /auth/oidc/start through the provider back to Opsdesk, and
 * returns where Opsdesk finally sends the browser (the console or the login page).
 * `tamper` may rewrite the callback URL before the browser "follows" it.
 */
async function walkSignIn(appUrl: string, jar: CookieJar, tamper?: (callback: URL) => URL): Promise<URL> {
  let url = new URL(`${appUrl}/auth/oidc/start`);
  for (let hop = 0; hop < 15; hop++) {
    if (tamper && url.href.startsWith(`${appUrl}/auth/oidc/callback`)) url = tamper(url);
    const response = await get(url.href, jar);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) throw new Error(`${url.href} answered ${response.status}: ${await response.text()}`);
    const next = new URL(location, url);
    if (next.origin === appUrl && next.pathname === '/') return next;
    url = next;
  }
  throw new Error('Too many redirects');
}

async function postTotp(appUrl: string, jar: CookieJar, code: string): Promise<Response> {
  const response = await fetch(`${appUrl}/auth/oidc/totp`, {
    method: 'POST',
    headers: { cookie: jar.header(), 'content-type': 'application/json', 'x-opsdesk-csrf': '1' },
    body: JSON.stringify({ code }),
  });
  jar.store(response);
  return response;
}

const loginQuery = (landing: URL) => new URLSearchParams(landing.hash.replace(/^#\/login\?/, ''));

async function me(appUrl: string, jar: CookieJar): Promise<Response> {
  return fetch(`${appUrl}/trpc/auth.me`, { headers: { cookie: jar.header() } });
}

describe('staff sign-in with single sign-on (OIDC)', () => {
  let idp: TestOidcProvider;
  let trusting: TestApp;
  let trustingUrl: string;
  let strict: TestApp;
  let strictUrl: string;

  beforeAll(async () => {
    const issuer = `http://127.0.0.1:${await freePort()}`;
    const common = { OIDC_ISSUER: issuer, OIDC_CLIENT_SECRET: 'a-client-secret-long-enough-for-hs256-0123456789' };
    trusting = await createTestApp({ ...common, OIDC_CLIENT_ID: 'opsdesk-trusting', OIDC_ALLOWED_DOMAINS: 'Example.test, other.test', OIDC_TRUST_PROVIDER_MFA: 'true', OIDC_PROVIDER_NAME: 'Okta' });
    strict = await createTestApp({ ...common, OIDC_CLIENT_ID: 'opsdesk-strict' });
    trustingUrl = await trusting.listen({ connectWebhooks: false });
    strictUrl = await strict.listen({ connectWebhooks: false });
    idp = await startOidcProvider({
      port: Number(new URL(issuer).port),
      clients: [
        { clientId: 'opsdesk-trusting', clientSecret: common.OIDC_CLIENT_SECRET, redirectUri: `${trustingUrl}/auth/oidc/callback` },
        { clientId: 'opsdesk-strict', clientSecret: common.OIDC_CLIENT_SECRET, redirectUri: `${strictUrl}/auth/oidc/callback` },
      ],
    });
  });

  afterAll(async () => {
    await idp?.close();
    await trusting?.close();
    await strict?.close();
  });

  async function ssoAs(appUrl: string, account: TestAccount, tamper?: (callback: URL) => URL) {
    idp.signInAs(account);
    const jar = new CookieJar();
    return { jar, landing: await walkSignIn(appUrl, jar, tamper) };
  }

  it('tells the console the button label through /api/config, and nothing when SSO is off', async () => {
    expect(await (await fetch(`${trustingUrl}/api/config`)).json()).toMatchObject({ sso: { name: 'Okta' } });
    const plain = await createTestApp();
    try {
      const plainUrl = await plain.listen({ connectWebhooks: false });
      expect(await (await fetch(`${plainUrl}/api/config`)).json()).toMatchObject({ sso: null });
      expect((await fetch(`${plainUrl}/auth/oidc/start`, { redirect: 'manual' })).status).not.toBe(303);
    } finally {
      await plain.close();
    }
  });

  it('signs in an active member by verified email (any case), with Opsdesk roles, and audits the provider', async () => {
    const member = await trusting.createStaff(['support', 'finance'], { email: `sso-${Date.now()}@example.test` });
    const { jar, landing } = await ssoAs(trustingUrl, { email: member.email.toUpperCase(), emailVerified: true, amr: NO_MFA });

    expect(landing.hash).toBe('#/');
    expect(jar.get(SESSION_COOKIE)).toBeTruthy();
    const answer = await me(trustingUrl, jar);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { result: { data: unknown } }).result.data).toMatchObject({ id: member.id, email: member.email, roles: ['support', 'finance'] });

    const row = (await auditRows(trusting, 'staff.logged_in')).find((r) => r.actorId === member.id);
    expect(row).toMatchObject({ result: 'success', targetType: 'staff', targetId: member.id });
    expect(row?.input).toMatchObject({ method: 'oidc', provider: idp.issuer, mfaByProvider: false });
  });

  it('refuses a callback whose state is not the one this browser started with', async () => {
    const member = await trusting.createStaff(['support'], { email: `state-${Date.now()}@example.test` });
    const { jar, landing } = await ssoAs(trustingUrl, { email: member.email, emailVerified: true }, (callback) => {
      callback.searchParams.set('state', 'forged-state');
      return callback;
    });
    expect(loginQuery(landing).get('sso_error')).toBe('state_mismatch');
    expect(jar.get(SESSION_COOKIE)).toBeUndefined();
    const refused = (await auditRows(trusting, 'staff.logged_in')).filter((r) => r.reason === 'state_mismatch');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ result: 'failure', actorId: null });
  });

  it('refuses a callback replayed without the flow cookie', async () => {
    const member = await trusting.createStaff(['support'], { email: `replay-${Date.now()}@example.test` });
    let seen: URL | undefined;
    await ssoAs(trustingUrl, { email: member.email, emailVerified: true }, (callback) => (seen = new URL(callback)));
    const replay = await get(seen!.href, new CookieJar());
    expect(loginQuery(new URL(replay.headers.get('location')!, trustingUrl)).get('sso_error')).toBe('flow_expired');
  });

  it('refuses an email no staff account has, and audits the attempt with the email and provider', async () => {
    const email = `nobody-${Date.now()}@example.test`;
    const { jar, landing } = await ssoAs(trustingUrl, { email, emailVerified: true });
    expect(loginQuery(landing).get('sso_error')).toBe('unknown_account');
    expect(jar.get(SESSION_COOKIE)).toBeUndefined();
    const row = (await auditRows(trusting, 'staff.logged_in')).find((r) => r.reason === 'unknown_account' && (r.input as { email?: string }).email === email);
    expect(row).toMatchObject({ result: 'failure', actorId: null });
    expect(row?.input).toMatchObject({ provider: idp.issuer });
  });

  it('refuses a disabled member', async () => {
    const member = await trusting.createStaff(['support'], { email: `disabled-${Date.now()}@example.test` });
    await updateStaff(trusting.db, member.id, { status: 'disabled' });
    const { jar, landing } = await ssoAs(trustingUrl, { email: member.email, emailVerified: true });
    expect(loginQuery(landing).get('sso_error')).toBe('account_disabled');
    expect(jar.get(SESSION_COOKIE)).toBeUndefined();
    expect((await auditRows(trusting, 'staff.logged_in')).find((r) => r.actorId === member.id)).toMatchObject({ result: 'failure', reason: 'account_disabled' });
  });

  it('refuses an email the provider has not verified, even for a real member', async () => {
    const member = await trusting.createStaff(['support'], { email: `unverified-${Date.now()}@example.test` });
    const { jar, landing } = await ssoAs(trustingUrl, { email: member.email, emailVerified: false });
    expect(loginQuery(landing).get('sso_error')).toBe('email_unverified');
    expect(jar.get(SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses a verified address that only lower-cases to a member’s (KELVIN SIGN for k), and one holding a NUL, as unknown', async () => {
    const member = await trusting.createStaff(['admin'], { email: `k-${Date.now()}@example.test` });
    const lookalike = `\u212A${member.email.slice(1)}`;
    expect(lookalike.toLowerCase()).toBe(member.email);
    const { jar, landing } = await ssoAs(trustingUrl, { email: lookalike, emailVerified: true, amr: ['pwd', 'mfa'] });
    expect(loginQuery(landing).get('sso_error')).toBe('unknown_account');
    expect(jar.get(SESSION_COOKIE)).toBeUndefined();
    expect((await auditRows(trusting, 'staff.logged_in')).filter((r) => r.actorId === member.id)).toEqual([]);

    const nul = await ssoAs(trustingUrl, { email: `nul\u0000-${Date.now()}@example.test`, emailVerified: true });
    expect(loginQuery(nul.landing).get('sso_error')).toBe('unknown_account');
  });

  it('refuses a member whose email domain is not in OIDC_ALLOWED_DOMAINS', async () => {
    const member = await trusting.createStaff(['admin'], { email: `outsider-${Date.now()}@elsewhere.test` });
    const { jar, landing } = await ssoAs(trustingUrl, { email: member.email, emailVerified: true });
    expect(loginQuery(landing).get('sso_error')).toBe('domain_not_allowed');
    expect(jar.get(SESSION_COOKIE)).toBeUndefined();
  });

  describe('a member with TOTP', () => {
    async function memberWithTotp(app: TestApp) {
      const member = await app.createStaff(['finance'], { email: `totp-${Date.now()}@example.test` });
      const { secret } = createTotpSecret(member.email);
      await updateStaff(app.db, member.id, { totpSecret: encryptSecret(app.deps.config.sessionSecret, secret), totpEnrolledAt: new Date() });
      return { member, secret };
    }

    it('is not asked for the code again when the provider asserts MFA and Opsdesk trusts it', async () => {
      const { member } = await memberWithTotp(trusting);
      const { jar, landing } = await ssoAs(trustingUrl, { email: member.email, emailVerified: true, amr: ['pwd', 'mfa'] });
      expect(landing.hash).toBe('#/');
      expect((await me(trustingUrl, jar)).status).toBe(200);
      expect((await auditRows(trusting, 'staff.logged_in')).find((r) => r.actorId === member.id)?.input).toMatchObject({ mfaByProvider: true });
    });

    it('is asked for the code when the provider did not assert MFA, and signed in only with a right code', async () => {
      const { member, secret } = await memberWithTotp(trusting);
      const { jar, landing } = await ssoAs(trustingUrl, { email: member.email, emailVerified: true, amr: NO_MFA });
      expect(loginQuery(landing).get('sso')).toBe('totp');
      expect(jar.get(SESSION_COOKIE)).toBeUndefined();
      await expectTotpStep(trustingUrl, jar, secret);
    });

    it('is asked for the code when Opsdesk does not trust the provider, even with MFA asserted', async () => {
      const { member, secret } = await memberWithTotp(strict);
      const { jar, landing } = await ssoAs(strictUrl, { email: member.email, emailVerified: true, amr: ['pwd', 'mfa', 'otp'] });
      expect(loginQuery(landing).get('sso')).toBe('totp');
      expect(jar.get(SESSION_COOKIE)).toBeUndefined();
      expect((await me(strictUrl, jar)).status).toBe(401);
      await expectTotpStep(strictUrl, jar, secret);
      expect((await auditRows(strict, 'staff.sso_verified')).find((r) => r.actorId === member.id)).toMatchObject({ result: 'success' });
    });

    it('locks the account out after repeated wrong codes, as the password sign-in does', async () => {
      const { member, secret } = await memberWithTotp(strict);
      const { jar } = await ssoAs(strictUrl, { email: member.email, emailVerified: true, amr: NO_MFA });
      const right = await generate({ secret });
      const wrong = right === '123456' ? '654321' : '123456';
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 5 && !statuses.includes(429); attempt++) statuses.push((await postTotp(strictUrl, jar, wrong)).status);
      expect(statuses.at(-1)).toBe(429);
      const refused = await postTotp(strictUrl, jar, right);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(jar.get(SESSION_COOKIE)).toBeUndefined();
      expect((await auditRows(strict, 'staff.locked_out')).filter((r) => r.actorId === member.id)).toHaveLength(1);
    });

    async function expectTotpStep(appUrl: string, jar: CookieJar, secret: string) {
      const post = (code: string) => postTotp(appUrl, jar, code);
      const right = await generate({ secret });
      expect((await post(right === '123456' ? '654321' : '123456')).status).toBe(401);
      expect(jar.get(SESSION_COOKIE)).toBeUndefined();
      expect((await post(right)).status).toBe(200);
      expect(jar.get(SESSION_COOKIE)).toBeTruthy();
      expect((await me(appUrl, jar)).status).toBe(200);
      // The step is single-use: its cookie is gone, and the same code cannot be replayed.
      expect((await post(right)).status).toBe(401);
    }
  });

  it('sends the browser back to the login page, with no cookie of the attempt, when Opsdesk fails after the provider answered', async () => {
    const member = await trusting.createStaff(['support'], { email: `dbfail-${Date.now()}@example.test` });
    // The session table out of reach: the sign-in's own transaction fails (as with the database down).
    await sql`alter table ops.staff_sessions rename to staff_sessions_away`.execute(trusting.db);
    try {
      const { jar, landing } = await ssoAs(trustingUrl, { email: member.email, emailVerified: true, amr: NO_MFA });
      expect(loginQuery(landing).get('sso_error')).toBe('sign_in_failed');
      expect(jar.get(SESSION_COOKIE)).toBeUndefined();
    } finally {
      await sql`alter table ops.staff_sessions_away rename to staff_sessions`.execute(trusting.db);
    }
    const { landing } = await ssoAs(trustingUrl, { email: member.email, emailVerified: true, amr: NO_MFA });
    expect(landing.hash).toBe('#/');
  });

  it('sends the browser back to the login page when the provider is down, and uses it once it is back', async () => {
    const port = await freePort();
    const down = await createTestApp({ OIDC_ISSUER: `http://127.0.0.1:${port}`, OIDC_CLIENT_ID: 'late', OIDC_CLIENT_SECRET: 'late-client-secret' });
    let late: TestOidcProvider | undefined;
    try {
      const downUrl = await down.listen({ connectWebhooks: false });
      const refused = await fetch(`${downUrl}/auth/oidc/start`, { redirect: 'manual' });
      expect(refused.status).toBe(303);
      expect(refused.headers.get('location')).toBe('/#/login?sso_error=provider_unavailable');

      // The failed discovery is not remembered: the provider is used as soon as it answers.
      late = await startOidcProvider({ port, clients: [{ clientId: 'late', clientSecret: 'late-client-secret', redirectUri: `${downUrl}/auth/oidc/callback` }] });
      const started = await fetch(`${downUrl}/auth/oidc/start`, { redirect: 'manual' });
      expect(started.status).toBe(303);
      expect(new URL(started.headers.get('location')!).origin).toBe(late.issuer);
    } finally {
      await late?.close();
      await down.close();
    }
  });

  it('gives up on a provider that accepts connections but never answers, instead of hanging the sign-in', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const hung = await createTestApp({ OIDC_ISSUER: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' });
    try {
      const response = await fetch(`${await hung.listen({ connectWebhooks: false })}/auth/oidc/start`, { redirect: 'manual' });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/#/login?sso_error=provider_unavailable');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
      await hung.close();
    }
  });

  it('takes the OIDC settings all together or not at all, and only over https in production', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example.test' })).toThrow(/OIDC_CLIENT_ID is required[\s\S]*OIDC_CLIENT_SECRET is required/);
    expect(() => loadConfig({ OIDC_CLIENT_SECRET: 'secret' })).toThrow(/OIDC_ISSUER is required/);
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/opsdesk', SESSION_SECRET: 'x'.repeat(32), PUBLIC_URL: 'https://ops.example.test', AUDIT_CHAIN_KEYS: `k1:${'y'.repeat(32)}`, PRIVACY_MASKING_KEY: 'm'.repeat(32), PRIVACY_RECEIPT_KEY: 'r'.repeat(40) };
    const oidc = { OIDC_CLIENT_ID: 'opsdesk', OIDC_CLIENT_SECRET: 'secret' };
    expect(() => loadConfig({ ...production, ...oidc, OIDC_ISSUER: 'http://idp.example.test' })).toThrow(/OIDC_ISSUER must use https/);
    const config = loadConfig({ ...production, ...oidc, OIDC_ISSUER: 'https://idp.example.test', OIDC_ALLOWED_DOMAINS: ' Example.COM ,, example.org' });
    expect(config.OIDC_ALLOWED_DOMAINS).toEqual(['example.com', 'example.org']);
    expect(config.OIDC_TRUST_PROVIDER_MFA).toBe(false);
    expect(config.OIDC_PROVIDER_NAME).toBe('single sign-on');
  });
});
