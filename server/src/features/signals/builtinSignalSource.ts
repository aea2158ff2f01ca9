import { SIGNAL_LATENCY_BOUNDS_MS, SIGNAL_RANGES, percentilesFromBuckets, type SignalPoint, type SignalSource, type SignalsResult, type TSignalsQueryRequest } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { findErrorsByCode, findSignalServices, findSignalSteps, type SignalStep } from './signalSamples.queries.js';

const addInto = (total: number[], more: readonly number[]) => more.forEach((n, i) => (total[i] = (total[i] ?? 0) + n));

/** The four signals from Opsdesk's own samples (ops.signal_samples). */
export function builtinSignalSource(db: DbOrTrx): SignalSource {
  return {
    name: 'builtin',
    listServices: () => findSignalServices(db),
    async query(request: TSignalsQueryRequest, now = new Date()): Promise<SignalsResult> {
      const { seconds, stepSeconds } = SIGNAL_RANGES[request.range];
      const stepMs = stepSeconds * 1000;
      // Steps end at the boundary after now, so the last (still filling) step is shown.
      const to = new Date(Math.floor(now.getTime() / stepMs) * stepMs + stepMs);
      const from = new Date(to.getTime() - seconds * 1000);
      const [steps, errorsByCode] = await Promise.all([findSignalSteps(db, request.service, from, to, stepSeconds), findErrorsByCode(db, request.service, from, to, stepSeconds)]);
      const byStart = new Map(steps.map((step) => [step.at.getTime(), step]));
      const points: SignalPoint[] = [];
      for (let at = from.getTime(); at < to.getTime(); at += stepMs) points.push(toPoint(at, byStart.get(at), stepSeconds));
      const success: number[] = [];
      const failure: number[] = [];
      for (const step of steps) {
        addInto(success, step.latencySuccess);
        addInto(failure, step.latencyFailure);
      }
      return {
        service: request.service,
        source: 'builtin',
        range: request.range,
        stepSeconds,
        from: from.toISOString(),
        to: to.toISOString(),
        points,
        totals: {
          requests: steps.reduce((sum, step) => sum + step.requests, 0),
          errors: steps.reduce((sum, step) => sum + step.errors, 0),
          errorsByCode,
          latencySuccessMs: percentilesFromBuckets(success, SIGNAL_LATENCY_BOUNDS_MS),
          latencyFailureMs: percentilesFromBuckets(failure, SIGNAL_LATENCY_BOUNDS_MS),
        },
      };
    },
  };
}

function toPoint(at: number, step: SignalStep | undefined, stepSeconds: number): SignalPoint {
  return {
    at: new Date(at).toISOString(),
    requestsPerSecond: step ? step.requests / stepSeconds : 0,
    errorRatio: step && step.requests > 0 ? step.errors / step.requests : null,
    latencySuccessMs: step ? percentilesFromBuckets(step.latencySuccess, SIGNAL_LATENCY_BOUNDS_MS) : null,
    latencyFailureMs: step ? percentilesFromBuckets(step.latencyFailure, SIGNAL_LATENCY_BOUNDS_MS) : null,
    saturation: {
      poolInUseRatio: step?.poolInUseRatio ?? null,
      postgresConnectionsRatio: step?.postgresConnectionsRatio ?? null,
      eventLoopLagP99Ms: step?.eventLoopLagP99Ms ?? null,
      rssBytes: step?.rssBytes ?? null,
    },
  };
}
