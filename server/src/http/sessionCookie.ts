import type { Request, Response } from 'express';
import type { RequestInfo, ResponseControl } from '../trpc/context.js';

/**
 * The staff session cookie as every staff-facing route reads and writes it: tRPC's
 * adapter, single sign-on and guarded Express routes (guardedRoute.ts) build their
 * context from these two functions, so none of them reads the cookie its own way.
 */
export function sessionCookieName(production: boolean): string {
  // __Host- binds the cookie to this exact origin over HTTPS; browsers reject it over plain HTTP.
  return production ? '__Host-opsdesk_session' : 'opsdesk_session';
}

/** What a procedure may know about the request (cookie-parser has run). */
export function requestInfoOf(req: Request, cookieName: string): RequestInfo {
  const token: unknown = req.cookies?.[cookieName];
  return { requestId: String(req.id), ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null, sessionToken: typeof token === 'string' ? token : null };
}

export function expressResponseControl(res: Response, cookieName: string, secure: boolean): ResponseControl {
  const cookie = { httpOnly: true, secure, sameSite: 'strict' as const, path: '/' };
  return {
    setSessionCookie: (token, expiresAt) => res.cookie(cookieName, token, { ...cookie, expires: expiresAt }),
    clearSessionCookie: () => res.clearCookie(cookieName, cookie),
    setHeader: (name, value) => res.setHeader(name, value),
  };
}
