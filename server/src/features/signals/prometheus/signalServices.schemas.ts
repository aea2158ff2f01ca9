import { readFileSync } from 'node:fs';
import { ZSignalService } from '@opsdesk/shared';
import { z } from 'zod';

/**
 * The company's other services, declared in the JSON file SIGNAL_SERVICES_FILE names
 * (docs/observability.md, "Prometheus source"): each a name and the PromQL of its
 * signals, read through PROMETHEUS_URL. Read and checked once at start (config.ts), so a
 * typo stops the server with the file, the field and what is wrong.
 */
export const WINDOW_PLACEHOLDER = '{{.window}}';

const ZPromql = z.string().trim().min(1, 'must not be empty').max(4000, 'at most 4,000 characters');
const ZWindowedPromql = ZPromql.refine((query) => query.includes(WINDOW_PLACEHOLDER), `must contain ${WINDOW_PLACEHOLDER} where the range goes, e.g. sum(rate(http_requests_total[${WINDOW_PLACEHOLDER}]))`);
/** A series selector of a histogram's `_bucket` series (no function around it): Opsdesk adds rate() and histogram_quantile(). */
const ZBucketSelector = ZPromql.regex(/^[a-zA-Z_:][\w:]*_bucket(\{[^{}]*\})?$/, 'must be a selector of a histogram\'s _bucket series, e.g. http_request_duration_seconds_bucket{job="checkout"}');

export const ZSignalServiceDefinitionSchema = z.strictObject({
  name: ZSignalService.refine((name) => name !== 'opsdesk', 'opsdesk is Opsdesk itself, read from its own /metrics: pick another name'),
  /** Requests per second over the window: an instant vector of one series. */
  requestsRate: ZWindowedPromql,
  /** Failed requests per second over the window (add `or vector(0)` so no failures reads 0). */
  errorsRate: ZWindowedPromql,
  /** Latency of successful requests (or of all requests, if the service cannot tell them apart). */
  latencyBuckets: ZBucketSelector,
  /** Latency of failed requests, when the service's histogram can tell them apart. */
  failureLatencyBuckets: ZBucketSelector.optional(),
  /** A 0–1 saturation ratio (an instant vector of one series; may use the window). */
  saturation: ZPromql.optional(),
});
export type TSignalServiceDefinition = z.infer<typeof ZSignalServiceDefinitionSchema>;

export const ZSignalServicesFileSchema = z.strictObject({
  services: z
    .array(ZSignalServiceDefinitionSchema)
    .max(200, 'at most 200 services')
    .refine((services) => new Set(services.map((s) => s.name)).size === services.length, 'service names must be unique'),
});

/** The declared services, or an Error saying which file and field are wrong and why. */
export function readSignalServicesFile(file: string): TSignalServiceDefinition[] {
  const fail = (why: string): never => {
    throw new Error(`Invalid configuration:\n  SIGNAL_SERVICES_FILE: ${file}: ${why}`);
  };
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail(`is not JSON (${(error as Error).message})`);
  }
  const parsed = ZSignalServicesFileSchema.safeParse(json);
  if (!parsed.success) fail(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; '));
  return parsed.data!.services;
}
