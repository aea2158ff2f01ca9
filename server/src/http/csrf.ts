import type { RequestHandler } from 'express';

export const CSRF_HEADER = 'x-opsdesk-csrf';

/**
 * CSRF defence for the cookie-authenticated API, two layers:
 * 1. Every non-GET request must carry the custom header. Browsers only let another
 *    site send custom headers after a CORS preflight, which this server never grants.
 * 2. When the browser sends Origin, it must be this console's own origin.
 * The session cookie is also SameSite=Strict.
 */
export function csrfProtection(allowedOrigins: (requestOrigin: string) => string[]): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const origin = req.get('origin');
    const ownOrigin = `${req.protocol}://${req.get('host')}`;
    if (!req.get(CSRF_HEADER)) {
      res.status(403).json({ error: { code: 'CSRF_REJECTED', message: `Missing ${CSRF_HEADER} header` } });
      return;
    }
    if (origin && !allowedOrigins(ownOrigin).includes(origin)) {
      res.status(403).json({ error: { code: 'CSRF_REJECTED', message: `Origin ${origin} is not allowed` } });
      return;
    }
    next();
  };
}
