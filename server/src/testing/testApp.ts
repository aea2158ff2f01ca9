import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Role } from '@opsdesk/shared';
import { Redis } from 'ioredis';
import { loadConfig } from '../config/config.js';
import { findAuditRowsByAction } from '../features/audit/audit.queries.js';
import { createLoginRateLimiter } from '../features/auth/loginRateLimiter.js';
import { startBillingRuntime } from '../features/billing/billingRuntime.js';
import { hashPassword } from '../features/auth/password.js';
import { insertSession } from '../features/auth/sessions.queries.js';
import { createSessionToken } from '../features/auth/sessionToken.js';
import { insertStaff, toStaff } from '../features/staff/staff.queries.js';
import { poolOptions } from '../db/openDatabase.js';
import { createApp } from '../http/createApp.js';
import { createLogger } from '../observability/logger.js';
import { appRouter } from '../trpc/appRouter.js';
import { createContext, type AppDeps, type ResponseControl } from '../trpc/context.js';
import { createTestDatabase, type TestDatabase } from './testDatabase.js';

/** What a procedure did to its response, captured for assertions. */
export interface RecordedResponse extends ResponseControl {
  sessionToken: string | null | undefined;
  headers: Record<string, string>;
}

export function recordingResponse(): RecordedResponse {
  const recorded: RecordedResponse = {
    sessionToken: undefined,
    headers: {},
    setSessionCookie: (token) => (recorded.sessionToken = token),
    clearSessionCookie: () => (recorded.sessionToken = null),
    setHeader: (name, value) => (recorded.headers[name.toLowerCase()] = value),
  };
  return recorded;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * A real Opsdesk against a fresh migrated database: routers are called in-process
 * through createCaller (the same context the HTTP adapter builds), or over HTTP with
 * `listen()`.
 */
export async function createTestApp(env: Record<string, string> = {}) {
  // Each app anchors its audit chain in its own file, never in the developer's demo file.
  const anchorFile = path.join(tmpdir(), `opsdesk-test-anchors-${randomBytes(6).toString('hex')}.jsonl`);
  // Each test app keeps its Redis keys under its own prefix, so flushes and limits never meet another test's.
  const redisKeyPrefix = `opsdesk-test-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', STRIPE_EMULATOR_PORT: '0', AUDIT_ANCHOR_FILE: anchorFile, REDIS_KEY_PREFIX: redisKeyPrefix, ...env });
  // Given any DB_* setting, the pool is the server's (size, acquire wait, timeouts); else roomy.
  const serverPool = Object.keys(env).some((key) => key.startsWith('DB_'));
  const database: TestDatabase = await createTestDatabase(serverPool ? poolOptions(config) : undefined);
  // A real emulator per app: cheap (an in-process HTTP server) and isolated per test.
  const billing = await startBillingRuntime(config);
  // Given REDIS_URL, the sign-in limiter counts in Redis (as in production) under its own prefix.
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL) : undefined;
  const deps: AppDeps = {
    config,
    db: database.db,
    logger: createLogger('silent'),
    loginRateLimiter: createLoginRateLimiter({ redis, keyPrefix: config.REDIS_KEY_PREFIX }),
    stripe: billing.stripe,
    stripeWebhookSecret: billing.webhookSecret,
    redis,
  };
  let server: Server | undefined;

  function caller(options: { sessionToken?: string | null; ip?: string; response?: ResponseControl } = {}) {
    const context = createContext(
      deps,
      { requestId: `test-${randomBytes(4).toString('hex')}`, ip: options.ip ?? '127.0.0.1', userAgent: 'vitest', sessionToken: options.sessionToken ?? null },
      options.response ?? recordingResponse(),
    );
    return appRouter.createCaller(context);
  }

  async function createStaff(roles: Role[], overrides: { email?: string; name?: string; password?: string } = {}) {
    const email = overrides.email ?? `${roles.join('-')}-${randomBytes(3).toString('hex')}@example.test`;
    const row = await insertStaff(deps.db, {
      email,
      name: overrides.name ?? `Test ${roles.join(' ')}`,
      roles,
      passwordHash: await hashPassword(overrides.password ?? TEST_PASSWORD),
    });
    return toStaff(row);
  }

  /** A live session without going through sign-in (which has its own tests). */
  async function openSession(staffId: string): Promise<string> {
    const { token, id } = createSessionToken();
    await insertSession(deps.db, { id, staffId, ip: '127.0.0.1', userAgent: 'vitest' });
    return token;
  }

  async function callerAs(roles: Role[]) {
    const staff = await createStaff(roles);
    const sessionToken = await openSession(staff.id);
    return { staff, sessionToken, api: caller({ sessionToken }) };
  }

  /** Serves the app over HTTP; the emulator's webhooks go to it unless the test routes them itself. */
  async function listen(options: { connectWebhooks?: boolean } = {}): Promise<string> {
    server = createApp(deps, { webDistDir: '/nonexistent' }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server!.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (options.connectWebhooks !== false) billing.connectWebhooks(url);
    return url;
  }

  async function close() {
    redis?.disconnect();
    await billing.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await database.drop();
    rmSync(anchorFile, { force: true });
  }

  return { deps, db: database.db, database, billing, caller, callerAs, createStaff, openSession, listen, close };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** The audit rows for one action, oldest first. */
export async function auditRows(app: TestApp, action: string) {
  return findAuditRowsByAction(app.db, action);
}
