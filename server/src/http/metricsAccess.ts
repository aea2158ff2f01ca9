import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Who may read /metrics (process, pool and per-procedure figures, useful to an attacker
 * timing a flood). With METRICS_TOKEN: `Authorization: Bearer <token>`, compared in
 * constant time, else 401. Without: only a scraper on this machine, judged by the TCP
 * peer's address (not req.ip, which `trust proxy` takes from a header) and refused when
 * the request came through a proxy (Forwarded / X-Forwarded-For), else 403. Behind a
 * reverse proxy on the same host, set METRICS_TOKEN.
 */
export function metricsAccess(token: string | undefined): RequestHandler {
  const expected = token ? digest(`Bearer ${token}`) : null;
  return (req, res, next) => {
    if (expected) {
      if (timingSafeEqual(digest(req.get('authorization') ?? ''), expected)) return next();
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      res.status(401).json({ error: { code: 'UNAUTHORIZED', message: 'Send the metrics token as a bearer token.' } });
      return;
    }
    if (isLocalCaller(req)) return next();
    res.status(403).json({ error: { code: 'FORBIDDEN', message: 'Metrics answer local callers only; set METRICS_TOKEN to scrape from elsewhere.' } });
  };
}

export function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK.has(address);
}

function isLocalCaller(req: Request): boolean {
  return isLoopbackAddress(req.socket.remoteAddress) && !req.get('x-forwarded-for') && !req.get('forwarded');
}

// Equal-length digests, so timingSafeEqual neither throws nor reveals the token's length.
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
