import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import cookieParser from 'cookie-parser';
import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import expressStaticGzip from 'express-static-gzip';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { appRouter } from '../trpc/appRouter.js';
import { listProcedures } from '../trpc/procedureCatalog.js';
import { createContext, type AppDeps } from '../trpc/context.js';
import { poolStats } from '../db/database.js';
import { createMetrics, observePool, observePostgresConnections, type AppMetrics } from '../observability/metrics.js';
import type { RequestObserver } from '../features/signals/signalCollector.js';
import { reportError } from '../observability/sentry.js';
import { stripeWebhookRoute } from '../features/billing/webhooks/webhook.route.js';
import { customerExportRoute } from '../features/lookup/customerExport.route.js';
import { revenueExportRoute } from '../features/revenue/export/revenueExport.route.js';
import { privacyExportRoutes } from '../features/privacy/export/privacyExport.route.js';
import { oidcRoutes } from '../features/auth/oidc.route.js';
import { flagsApiRateLimit, staffApiRateLimit, webhooksRateLimit } from '../features/rateLimits/rateLimitMiddleware.js';
import { flagsApiRoutes } from '../features/flags/flagsApi.route.js';
import { classifyUnexpectedError, RETRY_AFTER_SECONDS } from '../trpc/translateErrors.js';
import { configuredOrigins, csrfProtection } from './csrf.js';
import { refuseOversizedBatches } from './refusalDelay.js';
import { healthRoutes } from './health.js';
import { metricsAccess } from './metricsAccess.js';
import { expressResponseControl, requestInfoOf, sessionCookieName } from './sessionCookie.js';

/**
 * The HTTP surface, built from its dependencies so tests can run as many apps as they
 * like. Edit when adding a route outside tRPC (webhooks, flag API).
 */
const DEFAULT_WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');
const PROCEDURES = new Set(listProcedures().map((p) => p.path));

export function createApp(deps: AppDeps, options: { metrics?: AppMetrics; webDistDir?: string; signals?: RequestObserver } = {}) {
  const { config, logger } = deps;
  const metrics = options.metrics ?? createMetrics();
  observePool(metrics, () => poolStats(deps.db));
  observePostgresConnections(metrics, deps.db);
  const cookieName = sessionCookieName(config.production);
  const app = express();
  app.disable('x-powered-by');
  if (config.TRUST_PROXY) app.set('trust proxy', parseTrustProxy(config.TRUST_PROXY));

  // 1. Request duration by procedure and status; the label set is bounded by the router.
  // The same observation feeds the built-in golden signals (features/signals) when given.
  app.use((req, res, next) => {
    const stop = metrics.requestDuration.startTimer({ method: req.method });
    res.on('finish', () => {
      const procedure = procedureLabel(req);
      const seconds = stop({ procedure, status: String(res.statusCode) });
      options.signals?.observeRequest(procedure, res.statusCode, seconds * 1000);
    });
    next();
  });

  // 2. Stripe's webhooks come before the browser-facing layers: signed by Stripe, not by
  // a staff session (no cookie, no CSRF header, raw body ≤ 1 MB), they need no security
  // headers or per-request child logger, and at a backlog's thousands per second that
  // per-request work was most of their cost (docs/billing.md). The route logs its own
  // refusals and failures with the event id.
  // Its named rate limit first (per IP, generous: Stripe delivers in bursts).
  app.post('/webhooks/stripe', webhooksRateLimit(deps, metrics));
  app.use(stripeWebhookRoute({ db: deps.db, stripe: deps.stripe, webhookSecret: deps.stripeWebhookSecret, logger }));

  // 2b. The flags API (docs/flags.md): products authenticate with an environment's API
  // key, not a staff session, so it too comes before the browser-facing layers; the
  // flagsApi named limit (per IP) runs before the key is even looked up.
  app.use(['/api/client', '/api/flags'], flagsApiRateLimit(deps, metrics));
  app.use(flagsApiRoutes(deps));

  // 3. Headers: strict CSP (MUI needs inline styles), no framing, HSTS in production.
  const sentryOrigin = config.WEB_SENTRY_DSN ? new URL(config.WEB_SENTRY_DSN).origin : null;
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", ...(sentryOrigin ? [sentryOrigin] : [])],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: config.production ? [] : null,
        },
      },
      strictTransportSecurity: config.production ? { maxAge: 31536000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
      xFrameOptions: { action: 'deny' },
    }),
  );

  // 4. A request id on every other request and log line; credentials redacted by the logger.
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
      // One short line per request, and nothing personal in it: a tRPC query carries its
      // input in the query string (a lookup's search is a customer's email or name), and
      // log files are out of an erasure's reach (docs/gdpr.md). The path names the
      // procedure; headers, query and body stay out (the request id ties the line to the
      // audit row, which keeps the input with its personal values sealed).
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, path: requestPath(req.url), remoteAddress: req.remoteAddress }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      // Webhooks (thousands on a demo's first start), health checks and console files
      // that succeed are routine: debug, so the info log shows what people did.
      customLogLevel: (req, res, error) => {
        if (error || res.statusCode >= 500) return 'error';
        if (res.statusCode >= 400) return 'warn';
        const urlPath = requestPath((req as Request).originalUrl ?? req.url);
        const routine = ['/webhooks/stripe', '/healthz', '/readyz'].includes(urlPath) || (['GET', 'HEAD'].includes(req.method ?? '') && !/^\/(trpc|api|auth|metrics)(\/|$)/.test(urlPath));
        return routine ? 'debug' : 'info';
      },
    }),
  );

  app.use(healthRoutes(deps.db, logger));
  // Answers carrying personal data (procedures, the customer export) are never cached.
  app.use(['/trpc', '/api'], noStore);
  // The staffApi named limit, one budget per staff member for the procedures and the
  // downloads beside them: an export streams a whole table, so it is the last call to
  // leave unlimited.
  const staffApiLimit = staffApiRateLimit(deps, metrics, cookieName);
  app.use(['/api/customers/export.csv', '/api/revenue/export', '/api/privacy/requests'], cookieParser(), staffApiLimit);
  app.use(customerExportRoute(deps));
  app.use(revenueExportRoute(deps));
  // GDPR downloads (docs/gdpr.md): a request's export archive and its deletion receipt.
  app.use(privacyExportRoutes(deps));
  // Staff single sign-on (when OIDC_* is set): browser redirects, the session cookie set as tRPC sets it.
  app.use(oidcRoutes(deps, (res) => expressResponseControl(res, cookieName, config.production)));
  app.get('/metrics', metricsAccess(config.METRICS_TOKEN), async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.get('/api/config', (_req, res) => {
    const sso = config.OIDC_ISSUER ? { name: config.OIDC_PROVIDER_NAME } : null;
    res.json({ sentryDsn: config.WEB_SENTRY_DSN ?? null, release: config.SENTRY_RELEASE, environment: config.NODE_ENV, sso });
  });

  app.use(
    '/trpc',
    refuseOversizedBatches(config.TRPC_MAX_BATCH_SIZE, config.SIGN_IN_REFUSAL_DELAY_MS),
    cookieParser(),
    // The staffApi named limit: per staff member (the session cookie), per IP when signed out.
    staffApiLimit,
    csrfProtection(configuredOrigins(config)),
    createExpressMiddleware({
      router: appRouter,
      // One request may not carry more than this many calls, nor more than this many bytes (413).
      maxBatchSize: config.TRPC_MAX_BATCH_SIZE,
      maxBodySize: config.REQUEST_BODY_LIMIT_BYTES,
      createContext: ({ req, res }) => createContext(deps, requestInfoOf(req, cookieName), expressResponseControl(res, cookieName, config.production)),
      onError: ({ error, path: procedure, req }) => {
        if (error.code === 'TOO_MANY_REQUESTS' && procedure === 'auth.login') metrics.signInsRefused.inc();
        options.signals?.observeTrpcError(error.code);
        metrics.trpcErrors.inc({ code: error.code });
        if (error.code !== 'INTERNAL_SERVER_ERROR') return;
        req.log.error({ err: error.cause ?? error, procedure }, 'procedure failed');
        reportError(error.cause ?? error, { requestId: String(req.id), procedure });
      },
    }),
  );

  serveConsole(app, options.webDistDir ?? config.WEB_DIST_DIR ?? DEFAULT_WEB_DIST);
  app.use(answerErrors);
  return app;
}

const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/**
 * Errors outside tRPC (body parsing, the export, the webhook): a client error keeps its
 * status (413 for a body over the limit) with a JSON body; a busy database is 503 with
 * Retry-After; anything else a generic 500 with the request id. Never a stack trace.
 */
const answerErrors: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) return next(error);
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    res.status(status).json({ error: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', message: (error as Error).message } });
    return;
  }
  if (classifyUnexpectedError(error)?.code === 'SERVICE_UNAVAILABLE') {
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(503).json({ error: { code: 'SERVICE_UNAVAILABLE', message: 'The service is busy right now. Try again in a few seconds.' } });
    return;
  }
  req.log?.error({ err: error }, 'request failed');
  res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: `Something went wrong on our side. Request id: ${String(req.id)}` } });
};

function serveConsole(app: express.Express, distDir: string): void {
  const indexHtml = path.join(distDir, 'index.html');
  // The build writes each asset brotli- and gzip-compressed beside itself: sent as such
  // to browsers that accept it (brotli first), never compressed again per request.
  app.use(
    expressStaticGzip(distDir, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: { index: false, maxAge: '1h', setHeaders: (res, file) => file.endsWith('.html') && res.setHeader('Cache-Control', 'no-cache') },
    }),
  );
  app.use((req, res, next) => {
    if (req.method !== 'GET' || !req.accepts('html')) return next();
    if (!existsSync(indexHtml)) {
      res.status(503).type('text').send('The console is not built yet: run `npm run build` (npm start does it for you).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
}

function procedureLabel(req: Request): string {
  if (req.originalUrl.startsWith('/trpc/')) {
    const name = req.path.replace(/^\//, '');
    return PROCEDURES.has(name) ? name : 'unknown';
  }
  return ['/healthz', '/readyz', '/metrics', '/api/config', '/webhooks/stripe', '/api/client/features', '/api/flags/evaluate', '/auth/oidc/start', '/auth/oidc/callback', '/auth/oidc/totp'].includes(req.path) ? req.path : 'static';
}

function parseTrustProxy(value: string): string | number | boolean {
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** A request's path without its query string. */
function requestPath(url: string | undefined): string {
  return (url ?? '').split('?')[0]!;
}
