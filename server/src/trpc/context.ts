import type { Redis } from 'ioredis';
import type { Role, TSessionStaff } from '@opsdesk/shared';
import type { Logger } from 'pino';
import type Stripe from 'stripe';
import type { Config } from '../config/config.js';
import type { Db, DbOrTrx } from '../db/database.js';
import type { LoginRateLimiter } from '../features/auth/loginRateLimiter.js';

/**
 * The request context. Edit this file when a procedure needs a new dependency.
 * 1. AppDeps: long-lived services, built once in main.ts (or by a test).
 * 2. RequestInfo / ResponseControl: what a procedure may know about and do to its
 *    transport, so routers never touch Express and tests can call them in-process.
 * 3. Context: what every procedure receives; middlewares add `session` and `audit`.
 */
export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  loginRateLimiter: LoginRateLimiter;
  /** The official SDK, against Stripe or the emulator (features/billing/billingRuntime.ts). */
  stripe: Stripe;
  stripeWebhookSecret: string;
  /** Set when REDIS_URL is: shared counters (rate limits) and the cache; absent, each instance keeps its own in memory. */
  redis?: Redis;
}

export interface RequestInfo {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  sessionToken: string | null;
}

export interface ResponseControl {
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
  setHeader(name: string, value: string): void;
}

export interface StaffSession {
  id: string;
  staff: TSessionStaff & { roles: Role[] };
}

export interface Context {
  deps: AppDeps;
  /** The database handle; inside an audited mutation this is the mutation's transaction. */
  db: DbOrTrx;
  request: RequestInfo;
  response: ResponseControl;
}

export function createContext(deps: AppDeps, request: RequestInfo, response: ResponseControl): Context {
  return { deps, db: deps.db, request, response };
}
