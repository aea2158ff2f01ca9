import { ZSloDefinitionSchema, type TSloDefinition } from '@opsdesk/shared';

/**
 * The two SLOs of the seed (product.md, "SLOs"), for Opsdesk's own API: service
 * `opsdesk`, the name the built-in signal source writes its samples under. Migration
 * 0017 stores them (frozen copies) in an empty ops.slos; the console edits them there.
 *
 * - "API latency p95 under 300 ms over 7 days" is the same statement as "at least 95 % of
 *   requests answered within 300 ms": a latency SLI with threshold 300 ms, objective 95 %.
 * - "Error rate under 0.5 % over 7 days" is availability at 99.5 %.
 *
 * The low-traffic minimum (100 requests in a window) keeps a quiet night from paging on
 * two failed requests out of five; the 5-minute window needs 100 requests (20 a minute).
 */
export const DEFAULT_SLOS: readonly TSloDefinition[] = [
  {
    service: 'opsdesk',
    name: 'latency',
    description: 'API latency p95 under 300 ms: at least 95 % of requests answered within 300 ms',
    sli: { kind: 'latency', thresholdMs: 300 },
    objectivePercent: 95,
    windowDays: 7,
    minValidRequests: 100,
  },
  {
    service: 'opsdesk',
    name: 'availability',
    description: 'API error rate under 0.5 %: at most 0.5 % of requests answered 5xx',
    sli: { kind: 'availability' },
    objectivePercent: 99.5,
    windowDays: 7,
    minValidRequests: 100,
  },
].map((slo) => ZSloDefinitionSchema.parse(slo));
