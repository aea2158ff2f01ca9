/**
 * A person checking on the server while it is under load: one request at a time, a few
 * per second, on a connection apart from the load's sockets, so its latency is what
 * someone arriving during the load would see. Used for /readyz and for one signed-in
 * query.
 */
export interface ProbeSamples {
  label: string;
  /** Latency of each probe in ms; a probe that timed out counts as the timeout. */
  ms: number[];
  ok: number;
  failed: number;
  timedOut: number;
  /** Why answers were not 200: "503 database pool exhausted" → count. */
  reasons: Record<string, number>;
}

const PACE_MS = 200;
/** A probe gives up after this long; its latency then counts as this. */
export const PROBE_TIMEOUT_MS = 5_000;

export function startProbe(label: string, url: string, headers: Record<string, string>, timeoutMs = PROBE_TIMEOUT_MS): { stop: () => Promise<ProbeSamples> } {
  const result: ProbeSamples = { label, ms: [], ok: 0, failed: 0, timedOut: 0, reasons: {} };
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
        const body = await response.text();
        result.ms.push(performance.now() - started);
        if (response.ok) result.ok += 1;
        else {
          result.failed += 1;
          const reason = `${response.status} ${reasonOf(body)}`;
          result.reasons[reason] = (result.reasons[reason] ?? 0) + 1;
        }
      } catch (error) {
        result.ms.push(Math.max(timeoutMs, performance.now() - started));
        if ((error as Error).name === 'TimeoutError') result.timedOut += 1;
        else {
          result.failed += 1;
          result.reasons[(error as Error).message] = (result.reasons[(error as Error).message] ?? 0) + 1;
        }
      }
      // Pacing, not synchronisation: a probe every ~200 ms is a person refreshing a page.
      if (running) await new Promise((resolve) => setTimeout(resolve, PACE_MS));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return result;
    },
  };
}

/** /readyz says `reason`; tRPC says `error.message`; anything else is cut short. */
function reasonOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { reason?: string; error?: { message?: string } };
    return parsed.reason ?? parsed.error?.message ?? body.slice(0, 80);
  } catch {
    return body.slice(0, 80);
  }
}
