import cors from 'cors';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { evaluateAll, getVariant, isEnabled } from '@opsdesk/shared';
import { ZFlagEvaluateRequestSchema } from '@opsdesk/shared/flags/flagsApi.schemas';
import { describeZodError } from '../../trpc/init.js';
import type { AppDeps } from '../../trpc/context.js';
import { findLiveKeyByHash, touchApiKey } from './apiKeys.queries.js';
import { hashApiKey } from './apiKeys.service.js';
import { createRulesetCache, type ServedRuleset } from './flagRuleset.service.js';
import { ZFlagClientRegistrationSchema, ZFlagMetricsReportSchema } from './flagMetrics.schemas.js';
import { recordMetrics, registerClient } from './flagMetrics.service.js';

/**
 * The flags API for products (docs/flags.md, "Serving flags"), authenticated by an API
 * key of one environment in `Authorization` (bare, as Unleash SDKs send it, or Bearer):
 *
 * - `GET /api/client/features`: Unleash's client API, so the official SDKs read Opsdesk
 *   unchanged; `ETag` is the environment's revision, `If-None-Match` answers 304.
 * - `GET /api/client/segments`: the segments alone, same ETag.
 * - `POST /api/client/metrics`: an SDK's evaluation counts, summed per flag × hour for
 *   the key's environment (flagMetrics.service.ts); `/register`: the SDK instance.
 * - `POST /api/flags/evaluate`: one context, every flag or the named ones.
 *
 * Browsers (packages/flags-client) may call the first two GETs, metrics and evaluate from
 * the origins in FLAGS_CORS_ORIGINS; with none configured no CORS header is sent.
 *
 * Mounted ahead of the staff session layers, after the `flagsApi` named rate limit.
 */
type Deps = Pick<AppDeps, 'db' | 'logger' | 'config'>;
type Served = { ruleset: ServedRuleset };

const MAX_KEY_LENGTH = 200;
const BROWSER_PATHS = ['/api/client/features', '/api/client/segments', '/api/client/metrics', '/api/flags/evaluate'];

/** No origins: no middleware at all, so nothing answers a preflight and no header is sent. */
function corsFor(origins: readonly string[]): RequestHandler | null {
  if (origins.length === 0) return null;
  return cors({
    origin: origins.includes('*') ? '*' : [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-None-Match'],
    exposedHeaders: ['ETag'],
    // The API key is a header, never a cookie: no credentials.
    credentials: false,
    maxAge: 600,
  });
}

function badRequest(res: Response, message: string): void {
  res.status(400).json({ error: { code: 'BAD_REQUEST', message } });
}

function unauthorized(res: Response): void {
  res.setHeader('WWW-Authenticate', 'Bearer realm="opsdesk-flags"');
  res.status(401).json({ error: { code: 'UNAUTHORIZED', message: 'A valid API key for this environment is required in the Authorization header.' } });
}

function keyOf(req: Request): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || header.length === 0 || header.length > MAX_KEY_LENGTH) return null;
  return header.startsWith('Bearer ') ? header.slice(7).trim() : header.trim();
}

export function flagsApiRoutes(deps: Deps): Router {
  const rulesetFor = createRulesetCache(deps.db);

  /** Finds the key's environment and its current ruleset (rebuilt only when the revision moved). */
  const authenticateKey: RequestHandler = (req, res, next) => {
    const secret = keyOf(req);
    if (!secret) return unauthorized(res);
    findLiveKeyByHash(deps.db, hashApiKey(secret))
      .then(async (key) => {
        if (!key) return unauthorized(res);
        if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
          touchApiKey(deps.db, key.id).catch((error: unknown) => deps.logger.warn({ err: error }, 'flags API key last use not recorded'));
        }
        const ruleset = await rulesetFor(key.environment, key.revision);
        if (!ruleset) return unauthorized(res);
        (res.locals as Served).ruleset = ruleset;
        next();
      })
      .catch(next);
  };

  /** 304 when the client holds this revision already. */
  const answerWithEtag = (res: Response, req: Request, body: () => unknown) => {
    const { ruleset } = res.locals as Served;
    res.setHeader('ETag', ruleset.etag);
    // Caches must revalidate: a change is served on the next poll.
    res.setHeader('Cache-Control', 'no-cache');
    const given = req.headers['if-none-match'];
    if (typeof given === 'string' && given.split(',').some((tag) => tag.trim().replace(/^W\//, '') === ruleset.etag)) {
      res.status(304).end();
      return;
    }
    res.json(body());
  };

  const routes = Router();
  const browserAccess = corsFor(deps.config.FLAGS_CORS_ORIGINS);
  if (browserAccess) routes.use(BROWSER_PATHS, browserAccess);
  routes.get('/api/client/features', authenticateKey, (req, res) => {
    answerWithEtag(res, req, () => {
      const { ruleset } = res.locals as Served;
      return { ...ruleset.document, query: { environment: ruleset.environment, inlineSegmentConstraints: false }, meta: { revisionId: Number(ruleset.revision), etag: ruleset.etag, queryHash: ruleset.environment } };
    });
  });
  routes.get('/api/client/segments', authenticateKey, (req, res) => {
    answerWithEtag(res, req, () => ({ segments: (res.locals as Served).ruleset.document.segments ?? [] }));
  });
  routes.post('/api/client/metrics', express.json({ limit: '512kb' }), authenticateKey, (req, res, next) => {
    const parsed = ZFlagMetricsReportSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, describeZodError(parsed.error));
    recordMetrics(deps.db, (res.locals as Served).ruleset.environment, parsed.data)
      .then(() => res.status(202).end())
      .catch(next);
  });
  routes.post('/api/client/register', express.json({ limit: '16kb' }), authenticateKey, (req, res, next) => {
    const parsed = ZFlagClientRegistrationSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, describeZodError(parsed.error));
    registerClient(deps.db, (res.locals as Served).ruleset.environment, parsed.data)
      .then(() => res.status(202).end())
      .catch(next);
  });
  routes.post('/api/flags/evaluate', express.json({ limit: '64kb' }), authenticateKey, (req, res) => {
    const parsed = ZFlagEvaluateRequestSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, describeZodError(parsed.error));
    // Answers are per user: never cached on the way.
    res.setHeader('Cache-Control', 'no-store');
    const { compiled } = (res.locals as Served).ruleset;
    const { context, flags } = parsed.data;
    const answers = flags
      ? flags.map((name) => ({ name, enabled: isEnabled(compiled, name, context), variant: getVariant(compiled, name, context) }))
      : evaluateAll(compiled, context);
    // fromEntries defines own properties: a flag named `__proto__` is a key like any other.
    res.json({ flags: Object.fromEntries(answers.map(({ name, enabled, variant }) => [name, { enabled, variant: { name: variant.name, enabled: variant.enabled, ...(variant.payload ? { payload: variant.payload } : {}) } }])) });
  });
  return routes;
}

