import type { Request, RequestHandler } from 'express';
import type { Config } from '../config/config.js';

export const CSRF_HEADER = 'x-opsdesk-csrf';

/**
 * CSRF defence for the cookie-authenticated API, two layers:
 * 1. Every non-GET request must carry the custom header. Browsers only let another
 *    site send custom headers after a CORS preflight, which this server never grants.
 * 2. When the browser sends Origin, it must be one of this console's own origins,
 *    which come from configuration, never from the request's Host header (a header
 *    the client writes).
 * The session cookie is also SameSite=Strict.
 */
export function csrfProtection(allowedOrigins: (req: Request) => readonly string[]): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const origin = req.get('origin');
    if (!req.get(CSRF_HEADER)) {
      res.status(403).json({ error: { code: 'CSRF_REJECTED', message: `Missing ${CSRF_HEADER} header` } });
      return;
    }
    if (origin && !allowedOrigins(req).includes(origin)) {
      res.status(403).json({ error: { code: 'CSRF_REJECTED', message: `Origin ${origin} is not allowed` } });
      return;
    }
    next();
  };
}

/**
 * The console's origins: PUBLIC_URL's when set (required in production); otherwise the
 * address the server listens on, as HOST and as localhost/127.0.0.1, on the port the
 * connection actually arrived at (the socket's, so PORT=0 works). Served through
 * another origin (Vite's dev server), set PUBLIC_URL to it.
 */
export function configuredOrigins(config: Pick<Config, 'PUBLIC_URL' | 'HOST'>): (req: Request) => readonly string[] {
  if (config.PUBLIC_URL) {
    const origins = [new URL(config.PUBLIC_URL).origin];
    return () => origins;
  }
  const wildcard = config.HOST === '0.0.0.0' || config.HOST === '::';
  const hosts = new Set(['localhost', '127.0.0.1', ...(wildcard ? [] : [config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST])]);
  return (req) => [...hosts].map((host) => `http://${host}:${req.socket.localPort}`);
}
