import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ZFlagType } from '@opsdesk/shared/flags/flagsApi.schemas';
import { readSignalServicesFile, type TSignalServiceDefinition } from '../features/signals/prometheus/signalServices.schemas.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Configuration from the environment, validated once at start-up. Everything has a
 * sensible demo default except in production, where secrets must be given.
 * Edit this file when adding a setting; document it in the README's configuration table.
 */
const ZBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** `points/seconds`, e.g. `600/60`: at most 600 requests in any 60 seconds. */
const ZRateLimit = z
  .string()
  .regex(/^\d{1,9}\/\d{1,5}$/, 'points/seconds, e.g. 600/60')
  .transform((text) => {
    const [points, windowSeconds] = text.split('/').map(Number) as [number, number];
    return { points, windowSeconds };
  })
  .refine((limit) => limit.points >= 1 && limit.windowSeconds >= 1 && limit.windowSeconds <= 86_400, 'points ≥ 1 and 1–86400 seconds');

const ZConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    PUBLIC_URL: z.url().optional(),
    DATABASE_URL: z.string().optional(),
    /** Where the embedded PostgreSQL keeps its data when DATABASE_URL is unset. */
    OPSDESK_DATA_DIR: z.string().default(path.join(REPO_ROOT, '.opsdesk')),
    EMBEDDED_PG_PORT: z.coerce.number().int().default(54329),
    REDIS_URL: z.string().optional(),
    /** Namespace of Opsdesk's keys in Redis, so several installations (or test runs) can share one. */
    REDIS_KEY_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/, 'letters, digits and : . - _ only').default('opsdesk'),
    SESSION_SECRET: z.string().min(32).optional(),
    STRIPE_SECRET_KEY: z.string().startsWith('sk_', 'STRIPE_SECRET_KEY must be a secret key (sk_…)').optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_', 'STRIPE_WEBHOOK_SECRET must be a webhook signing secret (whsec_…)').optional(),
    /** Points the Stripe SDK at a Stripe-compatible server (the emulator); unset means api.stripe.com. */
    STRIPE_API_BASE: z.url().optional(),
    /** Port of the in-process Stripe emulator used when no Stripe key is given (0: any free port). */
    STRIPE_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(12111),
    /**
     * The money policy (features/actionRequests/moneyPolicy.ts): when the money an action moves or promises
     * (refunded, credited, charged) plus what the same customer already had moved by
     * staff in the window exceeds this many minor units (cents), a second person approves.
     * REFUND_APPROVAL_THRESHOLD is the older name and still read.
     */
    MONEY_APPROVAL_THRESHOLD: z.coerce.number().int().min(0).optional(),
    REFUND_APPROVAL_THRESHOLD: z.coerce.number().int().min(0).optional(),
    /**
     * The threshold per currency, in that currency's minor units, where one number does not
     * fit every currency (`jpy:75000,krw:700000,eur:45000`: ¥75,000, ₩700,000, 450.00 EUR);
     * currencies not listed use MONEY_APPROVAL_THRESHOLD.
     */
    MONEY_APPROVAL_THRESHOLDS: z
      .string()
      .regex(/^\s*([a-zA-Z]{3}:\d{1,15}\s*(,\s*[a-zA-Z]{3}:\d{1,15}\s*)*)?$/, 'MONEY_APPROVAL_THRESHOLDS must be currency:amount pairs in minor units, comma-separated (e.g. jpy:75000,eur:45000)')
      .default('')
      .transform(parseCurrencyAmounts),
    /** The rolling window, in hours, over which the money policy adds up one customer's amounts. */
    MONEY_APPROVAL_WINDOW_HOURS: z.coerce.number().min(0).max(24 * 90).default(24),
    /**
     * Flag changes in protected environments that need a second person (docs/flags.md,
     * "Approvals"): flags of these types (comma list; empty: none by type), and any change
     * whose impact flips more than this share of total MRR (0.01 = 1 %).
     */
    FLAG_APPROVAL_TYPES: z
      .string()
      .default('kill-switch,permission')
      .transform((value) => value.split(',').map((type) => type.trim()).filter(Boolean))
      .pipe(z.array(ZFlagType)),
    FLAG_APPROVAL_MRR_SHARE: z.coerce.number().min(0).max(1).default(0.01),
    /**
     * Browser origins allowed to read the flags API (docs/flags.md, "CORS"): a comma list of
     * origins (`https://app.example.com`) or `*`; empty (the default): no CORS headers.
     */
    FLAGS_CORS_ORIGINS: z
      .string()
      .default('')
      .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
      .pipe(z.array(z.string().refine((origin) => origin === '*' || (URL.canParse(origin) && new URL(origin).origin === origin), 'each origin is `*` or scheme://host[:port], nothing after it'))),
    /** Revenue metrics' reporting currency (the account's); subscriptions in others are counted as excluded, never added. */
    REVENUE_CURRENCY: z.string().regex(/^[a-z]{3}$/, 'a three-letter lower-case currency code').default('usd'),
    /** Baremetrics policy: days a subscription may stay past_due before it counts as churned. */
    REVENUE_PAST_DUE_CHURN_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Durable jobs (docs/architecture.md, "Jobs") this instance runs at once. */
    JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
    /** Database pool: connections per instance, how long a request may wait for one, and server-side timeouts. */
    DB_POOL_MAX: z.coerce.number().int().min(2).max(500).default(10),
    DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
    /** Largest request body accepted on /trpc and JSON routes, in bytes. */
    REQUEST_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
    /** How long a refused sign-in (rate-limited, busy) or an oversized batch waits before its answer: floods slow themselves down. */
    SIGN_IN_REFUSAL_DELAY_MS: z.coerce.number().int().min(0).max(30_000).default(1_000),
    /** Most calls one batched tRPC request may carry. */
    TRPC_MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** Bearer token Prometheus must send to /metrics; without it /metrics answers loopback callers only. */
    METRICS_TOKEN: z.string().min(16).optional(),
    /**
     * Keys that seal the audit chain (HMAC), `id:secret` pairs separated by commas, newest
     * first: new rows are sealed with the first, verification accepts any. Derived from
     * SESSION_SECRET when unset (demo); required in production.
     */
    AUDIT_CHAIN_KEYS: z.string().regex(/^[\w.-]{1,32}:[^,]{32,}(,[\w.-]{1,32}:[^,]{32,})*$/, 'id:secret pairs (secret ≥ 32 characters), comma separated').optional(),
    /** Where the audit chain head is published (an append-only file outside the database). */
    AUDIT_ANCHOR_FILE: z.string().optional(),
    /** How often the chain head is published, in seconds. */
    AUDIT_ANCHOR_INTERVAL_SECONDS: z.coerce.number().int().min(5).default(300),
    /**
     * GDPR (docs/gdpr.md). Exports are written under PRIVACY_EXPORT_DIR (default
     * <OPSDESK_DATA_DIR>/privacy-exports) and deleted PRIVACY_EXPORT_TTL_HOURS after they
     * are built. Invoices are kept PRIVACY_INVOICE_RETENTION_YEARS under the accounting
     * obligation (names and addresses masked). PRIVACY_MASKING_KEY keys the hash that
     * masks identifiers (joins and counts survive, the value does not); PRIVACY_RECEIPT_KEY
     * is the Ed25519 private key (PKCS#8 PEM, or base64 of it) that signs deletion
     * receipts. Both are derived from SESSION_SECRET when unset (demo); required in production.
     */
    PRIVACY_EXPORT_DIR: z.string().optional(),
    PRIVACY_EXPORT_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(72),
    PRIVACY_INVOICE_RETENTION_YEARS: z.coerce.number().int().min(1).max(30).default(10),
    PRIVACY_MASKING_KEY: z.string().min(32, 'at least 32 characters').optional(),
    PRIVACY_RECEIPT_KEY: z.string().min(40).optional(),
    /** The label this instance's signal samples carry (a pod or container name); hostname:port when unset. */
    OPSDESK_INSTANCE: z.string().regex(/^[\w.:@-]{1,100}$/, 'letters, digits and . : @ - _ only, at most 100').optional(),
    /** Where SLO alert state changes are POSTed (Slack-compatible JSON; features/slo/sloWebhook.ts). Unset: not sent. */
    SLO_ALERT_WEBHOOK_URL: z
      .url()
      .refine((url) => /^https?:\/\//i.test(url), 'must be an http(s) URL')
      .optional(),
    /** Prometheus's base URL (e.g. http://prometheus:9090): when set, the Signals page reads through its HTTP API (features/signals/prometheus/). */
    PROMETHEUS_URL: z.url({ protocol: /^https?$/, error: 'an http(s) URL, e.g. http://prometheus:9090' }).optional(),
    /** How long one query to Prometheus may take before the page says it did not answer. */
    PROMETHEUS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    /** JSON file declaring the company's other services and their PromQL (docs/observability.md, "Prometheus source"); needs PROMETHEUS_URL. */
    SIGNAL_SERVICES_FILE: z.string().min(1).optional(),
    /** Where `backup.take` writes pg_dump files and `backup.verifyLatest` finds them (default: OPSDESK_DATA_DIR/backups). */
    BACKUP_DIR: z.string().min(1).optional(),
    SENTRY_DSN: z.url().optional(),
    WEB_SENTRY_DSN: z.url().optional(),
    SENTRY_RELEASE: z.string().default('opsdesk@0.1.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Express `trust proxy`: set when behind a load balancer so rate limits see client IPs. */
    TRUST_PROXY: z.string().optional(),
    /**
     * Named HTTP rate limits (features/rateLimits/), each `points/seconds` over a sliding
     * window: the staff API per signed-in staff member (per IP when anonymous), Stripe's
     * webhook endpoint per IP, the flags API per IP.
     */
    RATE_LIMIT_STAFF_API: ZRateLimit.default({ points: 600, windowSeconds: 60 }),
    RATE_LIMIT_WEBHOOKS: ZRateLimit.default({ points: 60_000, windowSeconds: 60 }),
    RATE_LIMIT_FLAGS_API: ZRateLimit.default({ points: 1_200, windowSeconds: 60 }),
    SEED_DEMO_STAFF: ZBool.optional(),
    /** Size of the demo company created on the first demo start (0: none; default 5,000 users). */
    DEMO_COMPANY_USERS: z.coerce.number().int().min(0).optional(),
    WEB_DIST_DIR: z.string().optional(),
    /**
     * Staff single sign-on (features/auth/oidc.route.ts): all of issuer, client id and
     * secret, or none. Allowed domains: comma list of email domains (empty: any).
     */
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_ALLOWED_DOMAINS: z
      .string()
      .default('')
      .transform((value) => value.split(',').map((domain) => domain.trim().toLowerCase()).filter(Boolean)),
    /** Skip Opsdesk's TOTP step when the provider says it checked a second factor (amr mfa/otp/hwk, or OIDC_MFA_ACR). */
    OIDC_TRUST_PROVIDER_MFA: ZBool.default(false),
    /** acr values that count as multi-factor for OIDC_TRUST_PROVIDER_MFA, comma list (optional). */
    OIDC_MFA_ACR: z
      .string()
      .default('')
      .transform((value) => value.split(',').map((acr) => acr.trim()).filter(Boolean)),
    /** The sign-in button's label: "Sign in with <name>". */
    OIDC_PROVIDER_NAME: z.string().min(1).max(40).default('single sign-on'),
  })
  .superRefine((env, ctx) => {
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['STRIPE_WEBHOOK_SECRET'], message: 'STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY' });
    }
    const oidcSet = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length;
    if (oidcSet > 0 && oidcSet < 3) {
      for (const key of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required when single sign-on is configured (set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, or none)` });
      }
    }
    if (env.SIGNAL_SERVICES_FILE && !env.PROMETHEUS_URL) {
      ctx.addIssue({ code: 'custom', path: ['SIGNAL_SERVICES_FILE'], message: 'SIGNAL_SERVICES_FILE is read through Prometheus: set PROMETHEUS_URL too' });
    }
    if (env.NODE_ENV !== 'production') return;
    if (env.OIDC_ISSUER && !env.OIDC_ISSUER.startsWith('https://')) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'OIDC_ISSUER must use https in production' });
    }
    for (const key of ['DATABASE_URL', 'SESSION_SECRET', 'PUBLIC_URL', 'AUDIT_CHAIN_KEYS', 'PRIVACY_MASKING_KEY', 'PRIVACY_RECEIPT_KEY'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required in production` });
    }
  });

export type Config = Omit<z.infer<typeof ZConfigSchema>, 'MONEY_APPROVAL_THRESHOLD' | 'REFUND_APPROVAL_THRESHOLD'> & {
  sessionSecret: string;
  production: boolean;
  /** Minor units; see MONEY_APPROVAL_THRESHOLD. The threshold of currencies MONEY_APPROVAL_THRESHOLDS does not list. */
  moneyApprovalThreshold: number;
  /** Kept so older settings and code read the same number. */
  REFUND_APPROVAL_THRESHOLD: number;
  auditAnchorFile: string;
  /** BACKUP_DIR, absolute. */
  backupDir: string;
  /** PRIVACY_EXPORT_DIR, absolute. */
  privacyExportDir: string;
  /** The services SIGNAL_SERVICES_FILE declares (empty without it), checked at start. */
  signalServices: TSignalServiceDefinition[];
};

/** `jpy:75000, EUR:45000` → { jpy: 75000, eur: 45000 } (the schema's pattern has already checked the shape). */
function parseCurrencyAmounts(text: string): Record<string, number> {
  const amounts: Record<string, number> = {};
  for (const pair of text.split(',')) {
    const [currency, amount] = pair.trim().split(':');
    if (currency && amount) amounts[currency.toLowerCase()] = Number(amount);
  }
  return amounts;
}

/** The money policy's threshold for an amount in `currency`, in its minor units. */
export function moneyApprovalThresholdFor(config: Pick<Config, 'moneyApprovalThreshold' | 'MONEY_APPROVAL_THRESHOLDS'>, currency: string): number {
  return config.MONEY_APPROVAL_THRESHOLDS[currency.toLowerCase()] ?? config.moneyApprovalThreshold;
}

/** Demo-mode secret: fine for a laptop, refused in production by the schema above. */
const DEMO_SESSION_SECRET = 'opsdesk-demo-session-secret-not-for-production-use';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  const moneyApprovalThreshold = config.MONEY_APPROVAL_THRESHOLD ?? config.REFUND_APPROVAL_THRESHOLD ?? 50_000;
  return {
    ...config,
    sessionSecret: config.SESSION_SECRET ?? DEMO_SESSION_SECRET,
    production: config.NODE_ENV === 'production',
    moneyApprovalThreshold,
    REFUND_APPROVAL_THRESHOLD: moneyApprovalThreshold,
    auditAnchorFile: config.AUDIT_ANCHOR_FILE ?? path.join(config.OPSDESK_DATA_DIR, 'audit-anchors.jsonl'),
    backupDir: path.resolve(config.BACKUP_DIR ?? path.join(config.OPSDESK_DATA_DIR, 'backups')),
    privacyExportDir: path.resolve(config.PRIVACY_EXPORT_DIR ?? path.join(config.OPSDESK_DATA_DIR, 'privacy-exports')),
    signalServices: config.SIGNAL_SERVICES_FILE ? readSignalServicesFile(config.SIGNAL_SERVICES_FILE) : [],
  };
}
