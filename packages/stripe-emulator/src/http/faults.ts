import type { StripeErrorBody } from '../wire/errors.js';

/** Knobs that make the API itself misbehave, to prove clients fail cleanly. */
export interface ApiFaults {
  /** Probability (0..1) that any request answers with a 500 api_error. */
  apiFailureRate: number;
  /** Extra latency added to every API request. */
  apiLatencyMs: number;
}

export interface ForcedFailure {
  status: number;
  type: StripeErrorBody['type'];
  message: string;
  shouldRetry: boolean | null;
  /** Only fail requests whose path starts with this (e.g. '/v1/refunds'); any request when unset. */
  path?: string;
}

export interface HttpState {
  apiKey: string;
  faults: ApiFaults;
  forcedFailures: ForcedFailure[];
}

export const INJECTED_ERROR_MESSAGE = 'An unknown error occurred (injected by the emulator).';

/** The failure this request must answer with, if any: a queued one for its path first, else the random rate. */
export function takeForcedFailure(state: HttpState, pathname: string): ForcedFailure | undefined {
  const index = state.forcedFailures.findIndex((f) => !f.path || pathname.startsWith(f.path));
  const queued = index >= 0 ? state.forcedFailures.splice(index, 1)[0] : undefined;
  if (queued) return queued;
  return Math.random() < state.faults.apiFailureRate ? { status: 500, type: 'api_error', message: INJECTED_ERROR_MESSAGE, shouldRetry: null } : undefined;
}
