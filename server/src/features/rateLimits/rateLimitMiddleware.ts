import type { RateLimitName } from '@opsdesk/shared';
import type { Request, RequestHandler } from 'express';
import type { AppMetrics } from '../../observability/metrics.js';
import type { AppDeps } from '../../trpc/context.js';
import { rateLimitsFor } from './rateLimits.service.js';
import { createSessionStaffLookup, ipSubject, staffSubject } from './subjects.js';

/**
 * The named limits as Express middleware (mounted in http/createApp.ts). A refusal is a
 * 429 with Retry-After (seconds) and a JSON body naming the limit, counted in /metrics
 * as opsdesk_rate_limit_blocks_total{limit}. Cheap on the allowed path: one Redis round
 * trip (or a Map lookup) and no logging.
 */
type Deps = Pick<AppDeps, 'config' | 'redis' | 'logger' | 'db'>;

function limitBy(deps: Deps, limit: RateLimitName, metrics: AppMetrics, subjectOf: (req: Request) => string | Promise<string>): RequestHandler {
  const rateLimits = rateLimitsFor(deps);
  return (req, res, next) => {
    Promise.resolve(subjectOf(req))
      .then((subject) => rateLimits.hit(limit, subject))
      .then((answer) => {
        if (answer.allowed) return next();
        metrics.rateLimitBlocks.inc({ limit });
        res.setHeader('Retry-After', String(answer.retryAfterSeconds));
        res.status(429).json({
          error: {
            code: 'RATE_LIMITED',
            limit,
            retryAfterSeconds: answer.retryAfterSeconds,
            message: `Too many requests. Try again in ${answer.retryAfterSeconds === 1 ? '1 second' : `${answer.retryAfterSeconds} seconds`}.`,
          },
        });
      })
      .catch((error: unknown) => {
        // A limit that cannot be checked does not take the API down with it (the Redis
        // store already falls back to memory; this is the session lookup failing).
        deps.logger.warn({ err: error, limit }, 'rate limit not checked');
        next();
      });
  };
}

/** The staff API (/trpc): per signed-in staff member, per IP for anonymous calls. Mount after cookie-parser. */
export function staffApiRateLimit(deps: Deps, metrics: AppMetrics, cookieName: string): RequestHandler {
  const staffIdOf = createSessionStaffLookup(deps.db);
  return limitBy(deps, 'staffApi', metrics, async (req) => {
    const token: unknown = req.cookies?.[cookieName];
    const staffId = typeof token === 'string' && token.length > 0 && token.length <= 200 ? await staffIdOf(token) : null;
    return staffId ? staffSubject(staffId) : ipSubject(req.ip);
  });
}

/** POST /webhooks/stripe, per IP: generous, as Stripe delivers in bursts. */
export function webhooksRateLimit(deps: Deps, metrics: AppMetrics): RequestHandler {
  return limitBy(deps, 'webhooks', metrics, (req) => ipSubject(req.ip));
}

/** The flags API, per IP: for its routes to mount when they exist. */
export function flagsApiRateLimit(deps: Deps, metrics: AppMetrics): RequestHandler {
  return limitBy(deps, 'flagsApi', metrics, (req) => ipSubject(req.ip));
}
