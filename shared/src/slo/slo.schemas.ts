import { z } from 'zod';
import { safeText } from '../text/safeText.js';

/**
 * SLO definitions and the burn-rate arithmetic (docs/observability.md), shared by the
 * server and the console. This file holds the zod schemas; the arithmetic (pure, no I/O)
 * lives beside it and is re-exported at the bottom.
 */

export const SLO_WINDOW_DAYS = [7, 30] as const;
export type SloWindowDays = (typeof SLO_WINDOW_DAYS)[number];

/** Lower case, digits and hyphens: used as Prometheus label values and in rule group names. */
const ZSloSlug = z
  .string()
  .max(63, { error: 'must be at most 63 characters', abort: true })
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens, starting with a letter');

/**
 * What counts as a good event among the valid ones: a request that did not fail
 * (availability), or one answered within the threshold (latency: "p95 under 300 ms" is
 * "at least 95 % of requests under 300 ms").
 */
export const ZSloSliSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('availability') }),
  z.strictObject({ kind: z.literal('latency'), thresholdMs: z.int().min(1).max(60_000) }),
]);
export type TSloSli = z.infer<typeof ZSloSliSchema>;

/** Objectives have at most three decimals (99.5, 99.95, 99.999), so the budget is exact in parts per 100 000. */
const hasAtMostThreeDecimals = (value: number) => Math.abs(value * 1000 - Math.round(value * 1000)) < 1e-6;

export const ZSloDefinitionSchema = z.strictObject({
  service: ZSloSlug,
  name: ZSloSlug,
  description: safeText({ max: 300 }).default(''),
  sli: ZSloSliSchema,
  /** Percent of valid events that must be good over the window, e.g. 99.5. Below 100: a 100 % objective has no budget to burn. */
  objectivePercent: z
    .number()
    .min(50, 'must be at least 50 %')
    .max(99.999, 'must be at most 99.999 % (100 % leaves no error budget)')
    .refine(hasAtMostThreeDecimals, 'must have at most three decimals'),
  windowDays: z.union([z.literal(7), z.literal(30)]),
  /** Low-traffic guard: a window with fewer valid events than this shows "not enough data" and never alerts. */
  minValidRequests: z.int().min(1).max(1_000_000),
});
export type TSloDefinition = z.infer<typeof ZSloDefinitionSchema>;
export type TSloDefinitionInput = z.input<typeof ZSloDefinitionSchema>;

export * from './sloMath.js';
export * from './burnRateAlerts.js';
export * from './sloEvaluator.js';
export * from './sloFormat.js';
export * from './sloRunbookLink.js';
