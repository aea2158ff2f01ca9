import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Configuration from the environment, validated once at start-up. Everything has a
 * sensible demo default except in production, where secrets must be given.
 * Edit this file when adding a setting; document it in the README's configuration table.
 */
const ZBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

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
    /** Refunds above this many cents (any currency's minor unit) need a second person's approval. */
    REFUND_APPROVAL_THRESHOLD: z.coerce.number().int().min(0).default(50_000),
    SENTRY_DSN: z.url().optional(),
    WEB_SENTRY_DSN: z.url().optional(),
    SENTRY_RELEASE: z.string().default('opsdesk@0.1.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Express `trust proxy`: set when behind a load balancer so rate limits see client IPs. */
    TRUST_PROXY: z.string().optional(),
    SEED_DEMO_STAFF: ZBool.optional(),
    /** Size of the demo company created on the first demo start (0: none; default 5,000 users). */
    DEMO_COMPANY_USERS: z.coerce.number().int().min(0).optional(),
    WEB_DIST_DIR: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['STRIPE_WEBHOOK_SECRET'], message: 'STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY' });
    }
    if (env.NODE_ENV !== 'production') return;
    for (const key of ['DATABASE_URL', 'SESSION_SECRET', 'PUBLIC_URL'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required in production` });
    }
  });

export type Config = z.infer<typeof ZConfigSchema> & { sessionSecret: string; production: boolean };

/** Demo-mode secret: fine for a laptop, refused in production by the schema above. */
const DEMO_SESSION_SECRET = 'opsdesk-demo-session-secret-not-for-production-use';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  return {
    ...config,
    sessionSecret: config.SESSION_SECRET ?? DEMO_SESSION_SECRET,
    production: config.NODE_ENV === 'production',
  };
}
