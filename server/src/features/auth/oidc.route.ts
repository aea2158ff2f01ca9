import cookieParser from 'cookie-parser';
import express, { Router, type Request, type Response } from 'express';
import { ZTotpCode } from '@opsdesk/shared';
import { insertAuditEntry, type AuditEntryInput } from '../audit/audit.queries.js';
import { claimTotpTimeStep, findStaffById, updateStaff, type StaffRecord } from '../staff/staff.queries.js';
import { configuredOrigins, csrfProtection } from '../../http/csrf.js';
import { createContext, type AppDeps, type RequestInfo, type ResponseControl } from '../../trpc/context.js';
import { RateLimitedError } from './loginRateLimiter.js';
import { startSession } from './auth.service.js';
import { createOidcClient, ProviderUnavailableError, type OidcFlow } from './oidc.client.js';
import { decideSsoSignIn, SSO_ERRORS, type SsoErrorCode } from './oidc.service.js';
import { decryptSecret, signToken, verifyToken } from './secretBox.js';
import { checkTotpCode } from './totp.js';

/**
 * Staff single sign-on over OpenID Connect (docs/security.md, "Single sign-on"):
 * 1. GET /auth/oidc/start: state, nonce and PKCE verifier into a signed, 10-minute,
 *    httpOnly SameSite=Lax cookie; redirect to the provider.
 * 2. GET /auth/oidc/callback: check the flow, exchange the code, match the staff member,
 *    then a session, the TOTP step, or /#/login?sso_error=<code>. Every outcome is audited.
 * 3. POST /auth/oidc/totp: the TOTP step after SSO (when the provider's MFA is not trusted).
 * Mounted only when OIDC_* is configured; the session cookie is set exactly as tRPC's.
 */
const FLOW_PURPOSE = 'oidc-flow';
const FLOW_TTL_SECONDS = 10 * 60;
const PENDING_PURPOSE = 'oidc-totp-pending';
const PENDING_TTL_SECONDS = 5 * 60;
export const CALLBACK_PATH = '/auth/oidc/callback';

type SessionResponse = (res: Response) => ResponseControl;

export function oidcRoutes(deps: AppDeps, sessionResponse: SessionResponse): Router {
  const routes = Router();
  const { config } = deps;
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET) return routes;
  const oidc = createOidcClient({ ...config, OIDC_ISSUER: config.OIDC_ISSUER, OIDC_CLIENT_ID: config.OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: config.OIDC_CLIENT_SECRET });
  const cookies = cookieNames(config.production);
  const cookieBase = { httpOnly: true, secure: config.production, path: '/' };

  routes.get('/auth/oidc/start', async (req, res) => {
    try {
      const { url, flow } = await oidc.authorizationUrl(redirectUri(deps, req));
      res.cookie(cookies.flow, signToken(config.sessionSecret, FLOW_PURPOSE, flow, FLOW_TTL_SECONDS), { ...cookieBase, sameSite: 'lax', maxAge: FLOW_TTL_SECONDS * 1000 });
      res.redirect(303, url.href);
    } catch (error) {
      req.log?.warn({ err: error }, 'single sign-on could not start');
      res.redirect(303, loginUrl({ sso_error: 'provider_unavailable' }));
    }
  });

  routes.get(CALLBACK_PATH, cookieParser(), async (req, res) => {
    res.clearCookie(cookies.flow, { ...cookieBase, sameSite: 'lax' });
    const request = requestInfo(req);
    const flow = readCookie<OidcFlow>(req, cookies.flow, config.sessionSecret, FLOW_PURPOSE);
    // No flow: a stale or replayed link, not a sign-in in progress; nothing to audit.
    if (!flow) return void res.redirect(303, loginUrl({ sso_error: 'flow_expired' }));
    const refuse = async (code: SsoErrorCode, staff?: StaffRecord, detail?: string) => {
      await auditSignIn(deps, request, { staff, result: 'failure', reason: code, error: detail ?? SSO_ERRORS[code] });
      res.redirect(303, loginUrl({ sso_error: code }));
    };
    if (req.query.state !== flow.state) return refuse('state_mismatch');
    if (typeof req.query.error === 'string') return refuse('provider_refused', undefined, `${req.query.error}: ${String(req.query.error_description ?? '')}`.slice(0, 300));

    let identity;
    try {
      identity = await oidc.exchangeCode(callbackUrl(deps, req), flow);
    } catch (error) {
      req.log?.warn({ err: error }, 'single sign-on code exchange failed');
      return refuse(isUnreachable(error) ? 'provider_unavailable' : 'token_invalid', undefined, (error as Error).message.slice(0, 300));
    }
    // Past the provider, what fails is Opsdesk's own (its database, most likely): the
    // browser goes back to the login page with a message, not to an error page.
    try {
      const decision = await decideSsoSignIn(deps.db, config, identity);
      const input = { provider: identity.issuer, email: identity.email, mfaByProvider: 'mfaByProvider' in decision ? decision.mfaByProvider : false };
      if (decision.kind === 'refused') {
        await auditSignIn(deps, request, { staff: decision.staff, result: 'failure', reason: decision.code, error: SSO_ERRORS[decision.code], input });
        return void res.redirect(303, loginUrl({ sso_error: decision.code }));
      }
      if (decision.kind === 'totp') {
        const pending = signToken(config.sessionSecret, PENDING_PURPOSE, { staffId: decision.staff.id, provider: identity.issuer }, PENDING_TTL_SECONDS);
        res.cookie(cookies.pending, pending, { ...cookieBase, sameSite: 'strict', maxAge: PENDING_TTL_SECONDS * 1000 });
        await auditSignIn(deps, request, { staff: decision.staff, action: 'staff.sso_verified', result: 'success', input });
        return void res.redirect(303, loginUrl({ sso: 'totp' }));
      }
      await completeSignIn(deps, request, sessionResponse(res), decision.staff, input);
      res.redirect(303, '/#/');
    } catch (error) {
      req.log?.error({ err: error }, 'single sign-on could not be completed');
      // No cookie of the failed attempt (a session rolled back, a code step) reaches the browser.
      res.removeHeader('Set-Cookie');
      res.clearCookie(cookies.flow, { ...cookieBase, sameSite: 'lax' });
      res.redirect(303, loginUrl({ sso_error: 'sign_in_failed' }));
    }
  });

  routes.post('/auth/oidc/totp', cookieParser(), csrfProtection(configuredOrigins(config)), express.json({ limit: 1024 }), async (req, res, next) => {
    try {
      await finishTotpStep(deps, cookies, sessionResponse, req, res);
    } catch (error) {
      next(error);
    }
  });
  return routes;
}

async function finishTotpStep(deps: AppDeps, cookies: ReturnType<typeof cookieNames>, sessionResponse: SessionResponse, req: Request, res: Response): Promise<void> {
  const { config } = deps;
  const request = requestInfo(req);
  const pending = readCookie<{ staffId: string; provider: string }>(req, cookies.pending, config.sessionSecret, PENDING_PURPOSE);
  const staff = pending ? await findStaffById(deps.db, pending.staffId) : undefined;
  if (!pending || !staff || staff.status !== 'active' || !staff.totpSecret) {
    return void res.status(401).json({ error: { code: 'UNAUTHORIZED', message: `${SSO_ERRORS.totp_expired} Sign in again.` } });
  }
  const code = ZTotpCode.safeParse((req.body as { code?: unknown } | undefined)?.code);
  if (!code.success) return void res.status(400).json({ error: { code: 'BAD_REQUEST', message: code.error.issues[0]?.message ?? 'Invalid code' } });

  let attempt;
  try {
    attempt = await deps.loginRateLimiter.reserve(request.ip ?? 'unknown', staff.email);
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    res.setHeader('Retry-After', String(error.retryAfterSeconds));
    return void res.status(429).json({ error: { code: 'TOO_MANY_REQUESTS', message: error.message } });
  }
  const input = { provider: pending.provider, email: staff.email, mfaByProvider: false };
  const timeStep = await checkTotpCode(decryptSecret(config.sessionSecret, staff.totpSecret), code.data, staff.totpLastTimeStep === null ? null : Number(staff.totpLastTimeStep));
  if (timeStep === null || !(await claimTotpTimeStep(deps.db, staff.id, timeStep))) {
    const { lockedOutNow, retryAfterSeconds } = await attempt.failed();
    await auditSignIn(deps, request, { staff, result: 'failure', reason: 'totp_wrong', error: 'Wrong or already used authentication code.', input });
    if (!lockedOutNow) return void res.status(401).json({ error: { code: 'UNAUTHORIZED', message: 'Wrong or already used authentication code.' } });
    // As after a password sign-in's last allowed failure (auth.service.ts): one lock-out row, then 429.
    await auditSignIn(deps, request, { staff, action: 'staff.locked_out', result: 'success', reason: `${retryAfterSeconds / 60} minute lock-out after repeated failed sign-ins`, input });
    res.setHeader('Retry-After', String(retryAfterSeconds));
    return void res.status(429).json({ error: { code: 'TOO_MANY_REQUESTS', message: new RateLimitedError(retryAfterSeconds).message } });
  }
  await attempt.succeeded();
  res.clearCookie(cookies.pending, { httpOnly: true, secure: config.production, path: '/', sameSite: 'strict' });
  await completeSignIn(deps, request, sessionResponse(res), staff, input);
  res.json({ ok: true });
}

/** The session exactly as a password sign-in starts it (auth.service.ts), audited in the same transaction. */
async function completeSignIn(deps: AppDeps, request: RequestInfo, response: ResponseControl, staff: StaffRecord, input: object): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await updateStaff(trx, staff.id, { lastLoginAt: new Date() });
    await startSession({ ...createContext(deps, request, response), db: trx }, staff.id);
    await insertAuditEntry(trx, signInAuditEntry(request, { staff, result: 'success', input }));
  });
}

interface SignInAudit {
  staff?: StaffRecord | undefined;
  action?: string;
  result: AuditEntryInput['result'];
  reason?: string;
  error?: string;
  input?: object;
}

async function auditSignIn(deps: AppDeps, request: RequestInfo, entry: SignInAudit): Promise<void> {
  await insertAuditEntry(deps.db, signInAuditEntry(request, { ...entry, input: { provider: deps.config.OIDC_ISSUER, ...entry.input } }));
}

function signInAuditEntry(request: RequestInfo, entry: SignInAudit): AuditEntryInput {
  const { staff } = entry;
  return {
    actor: staff ? { id: staff.id, email: staff.email, roles: staff.roles } : null,
    action: entry.action ?? 'staff.logged_in',
    target: staff ? { type: 'staff', id: staff.id } : null,
    input: { method: 'oidc', ...entry.input },
    result: entry.result,
    reason: entry.reason ?? null,
    error: entry.error ?? null,
    request,
  };
}

function cookieNames(production: boolean) {
  // __Host- (HTTPS only) binds the cookie to this exact origin, as the session cookie's.
  const prefix = production ? '__Host-' : '';
  return { flow: `${prefix}opsdesk_oidc_flow`, pending: `${prefix}opsdesk_oidc_pending` };
}

function readCookie<T extends object>(req: Request, name: string, secret: string, purpose: string): T | null {
  const value: unknown = req.cookies?.[name];
  return typeof value === 'string' ? verifyToken<T>(secret, purpose, value) : null;
}

/** PUBLIC_URL's origin, else the configured HOST on the port the request arrived at (never the Host header). */
function redirectUri(deps: AppDeps, req: Request): string {
  const { PUBLIC_URL, HOST } = deps.config;
  if (PUBLIC_URL) return new URL(CALLBACK_PATH, PUBLIC_URL).href;
  const host = HOST === '0.0.0.0' || HOST === '::' ? 'localhost' : HOST.includes(':') ? `[${HOST}]` : HOST;
  return `http://${host}:${req.socket.localPort}${CALLBACK_PATH}`;
}

/** The URL the provider sent the browser to: the redirect URI with the query it added. */
function callbackUrl(deps: AppDeps, req: Request): URL {
  const url = new URL(redirectUri(deps, req));
  url.search = new URL(req.originalUrl, 'http://placeholder').search;
  return url;
}

function requestInfo(req: Request): RequestInfo {
  return { requestId: String(req.id ?? ''), ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null, sessionToken: null };
}

function loginUrl(query: Record<string, string>): string {
  return `/#/login?${new URLSearchParams(query).toString()}`;
}

function isUnreachable(error: unknown): boolean {
  if (error instanceof ProviderUnavailableError) return true;
  const name = (error as Error | undefined)?.name;
  return name === 'TimeoutError' || name === 'AbortError' || (error instanceof TypeError && error.message === 'fetch failed');
}

