import { SIGNAL_LATENCY_BOUNDS_MS } from '@opsdesk/shared';
import { emptyGauges } from '../signals/signalCollector.js';
import type { SignalSampleRow } from '../signals/signalSamples.queries.js';

const FAST = SIGNAL_LATENCY_BOUNDS_MS.indexOf(100);
const SLOW = SIGNAL_LATENCY_BOUNDS_MS.indexOf(1000);

/**
 * One instance's minute of synthetic traffic, as the collector would write it: `errors`
 * of `requests` answered 5xx, `slow` of the successes in the 1 s bucket, the rest in the
 * 100 ms one. Tests write it with insertSignalSamples (minute and hourly rows).
 */
export function minuteRow(service: string, minute: number, requests: number, errors: number, options: { slow?: number; instance?: string } = {}): SignalSampleRow {
  const slow = options.slow ?? 0;
  const buckets = () => new Array<number>(SIGNAL_LATENCY_BOUNDS_MS.length + 1).fill(0);
  const success = buckets();
  success[FAST] = requests - errors - slow;
  success[SLOW] = slow;
  const failure = buckets();
  failure[FAST] = errors;
  return {
    service,
    minute: new Date(minute),
    instance: options.instance ?? 'web-1:3000',
    requests,
    errors,
    latencySuccess: success,
    latencySuccessSumMs: 0,
    latencyFailure: failure,
    latencyFailureSumMs: 0,
    errorsByCode: null,
    webhooksReceived: null,
    ...emptyGauges,
  };
}

/** The bucket the fast successes of minuteRow land in. */
export const FAST_BUCKET = FAST;
