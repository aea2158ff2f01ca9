import autocannon from 'autocannon';
import type { TrafficSource } from './capacityTraffic.js';

/**
 * Runs one autocannon instance (N keep-alive connections, one request in flight each)
 * for a fixed time and keeps every answer: when it came (ms from the start), how long it
 * took, its status and the kind of request. autocannon's own summary has no p95 and no
 * per-kind split, so the bench computes its figures from these samples.
 */
export interface ResponseSample {
  at: number;
  ms: number;
  status: number;
  kind: string;
}

export interface LoadResult {
  samples: ResponseSample[];
  /** Requests that got no answer within the timeout. */
  timeouts: number;
  /** Connection errors (refused, reset) besides timeouts. */
  connectionErrors: number;
  seconds: number;
}

interface KindContext {
  kind?: string;
}

export async function runLoad(options: { url: string; connections: number; seconds: number; source: TrafficSource; timeoutSeconds?: number }): Promise<LoadResult> {
  const samples: ResponseSample[] = [];
  // autocannon calls a request's onResponse and then, synchronously, emits 'response'
  // with the latency: the kind is handed from one to the other through this variable.
  let answeredKind = 'unknown';
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        timeout: options.timeoutSeconds ?? 10,
        requests: [
          {
            setupRequest: (request, context) => {
              const next = options.source();
              (context as KindContext).kind = next.kind;
              return { ...request, method: next.method, path: next.path, headers: next.headers, body: next.body ?? '' };
            },
            onResponse: (_status, _body, context) => {
              answeredKind = (context as KindContext).kind ?? 'unknown';
            },
          },
        ],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      samples.push({ at: performance.now() - started, ms, status, kind: answeredKind });
    });
  });
  return { samples, timeouts: result.timeouts, connectionErrors: Math.max(0, result.errors - result.timeouts), seconds: options.seconds };
}
