import { compileRuleset, evaluateAll, getVariant, isEnabled, type CompiledRuleset, type FlagContext, type FlagRulesetInput, type FlagVariantResult } from '@opsdesk/shared/flags/index';
import { Emitter } from './emitter.js';
import { FlagsClientError } from './errors.js';
import { digestFeatures, fetchRuleset } from './rulesetFetcher.js';

/**
 * The flags client: polls Opsdesk's ruleset with ETags and answers locally with the
 * shared evaluator, so an evaluation is a function call, never a request. When Opsdesk is
 * unreachable or answers garbage, the last good ruleset keeps answering and `status()`
 * says it is stale. Runs in Node 20 and browsers: `fetch` and timers only.
 */

export interface FlagsClientOptions {
  /** Opsdesk's base URL, e.g. `https://ops.example.com`. */
  url: string;
  /** An API key of one environment (console → Flags → API keys). */
  apiKey: string;
  /** Between polls while healthy. */
  refreshIntervalMs?: number;
  /** The longest wait between retries while Opsdesk fails (the delay doubles up to it). */
  maxBackoffMs?: number;
  /** A request that takes longer is a failure. */
  requestTimeoutMs?: number;
  /** Sent as `UNLEASH-APPNAME`, as Unleash SDKs do. */
  appName?: string;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** A ruleset to answer from before the first fetch succeeds (e.g. baked in at build time). */
  bootstrap?: FlagRulesetInput;
  /** Every failed refresh, also sent as the `error` event. */
  onError?: (error: FlagsClientError) => void;
}

export type FlagsClientState = 'ready' | 'stale' | 'not_ready';

export interface FlagsClientStatus {
  /** `ready`: the last refresh succeeded; `stale`: answering from an older ruleset (or the bootstrap); `not_ready`: nothing to answer from. */
  state: FlagsClientState;
  lastSuccessAt: Date | null;
  lastError: FlagsClientError | null;
  /** Failed refreshes since the last success (drives the backoff). */
  consecutiveFailures: number;
  etag: string | null;
}

export interface FlagsClientEvents extends Record<string, unknown> {
  /** Entered `ready` (first fetch, or recovery after failures). */
  ready: FlagsClientStatus;
  /** Entered `stale`: answering from the last good ruleset. */
  stale: FlagsClientStatus;
  /** A refresh failed. */
  error: FlagsClientError;
  /** A new ruleset is answering; `flagsChanged` names the flags added, removed or edited. */
  change: { flagsChanged: string[]; etag: string | null };
}

export interface FlagAnswer {
  name: string;
  enabled: boolean;
  variant: FlagVariantResult;
}

const DEFAULTS = { refreshIntervalMs: 15_000, maxBackoffMs: 300_000, requestTimeoutMs: 10_000 };

export class FlagsClient extends Emitter<FlagsClientEvents> {
  private ruleset: CompiledRuleset | null = null;
  private digests = new Map<string, string>();
  private etag: string | null = null;
  private lastSuccessAt: Date | null = null;
  private lastError: FlagsClientError | null = null;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private closed = false;
  private readonly readyPromise: Promise<void>;
  private settleReady!: { resolve: () => void; reject: (error: Error) => void; done: boolean };
  private readonly options: Required<Pick<FlagsClientOptions, 'refreshIntervalMs' | 'maxBackoffMs' | 'requestTimeoutMs'>> & FlagsClientOptions;

  constructor(options: FlagsClientOptions) {
    super();
    this.options = { ...DEFAULTS, ...options };
    if (!(this.options.refreshIntervalMs > 0)) throw new RangeError('refreshIntervalMs must be a positive number of milliseconds');
    this.readyPromise = new Promise<void>((resolve, reject) => {
      this.settleReady = { resolve, reject, done: false };
    });
    // An unobserved rejection must not crash a process that never calls ready().
    this.readyPromise.catch(() => {});
    if (options.bootstrap) this.useBootstrap(options.bootstrap);
    void this.refresh();
  }

  private useBootstrap(bootstrap: FlagRulesetInput): void {
    try {
      this.ruleset = compileRuleset(bootstrap);
      this.digests = digestFeatures(bootstrap);
    } catch (error) {
      this.recordError(new FlagsClientError('invalid_ruleset', 'The bootstrap ruleset is invalid and is ignored', undefined, { cause: error }));
    }
  }

  /**
   * Resolves once the client answers from a ruleset: the first fetch succeeded, or it
   * failed and a bootstrap answers. Rejects with the first error when there is nothing to
   * answer from; polling goes on, and `ready` is emitted when a fetch succeeds.
   */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  status(): FlagsClientStatus {
    const state: FlagsClientState = !this.ruleset ? 'not_ready' : this.lastSuccessAt && this.failures === 0 ? 'ready' : 'stale';
    return { state, lastSuccessAt: this.lastSuccessAt, lastError: this.lastError, consecutiveFailures: this.failures, etag: this.etag };
  }

  /** Fetches now (one request at a time; a caller during a fetch shares it). Never rejects. */
  refresh(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.inFlight ??= this.poll().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Stops polling; evaluations keep answering from the last ruleset. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.finishReady(new FlagsClientError('network', 'The flags client was closed before it was ready'));
  }

  isEnabled(name: string, context: FlagContext = {}, fallback = false): boolean {
    if (!this.ruleset) return fallback;
    try {
      return isEnabled(this.ruleset, name, context, { fallback });
    } catch {
      return fallback;
    }
  }

  /** The variant for `context`; `disabled` when the flag is unknown, off, or the client has no ruleset. */
  getVariant(name: string, context: FlagContext = {}): FlagVariantResult {
    const disabled = { name: 'disabled', enabled: false, feature_enabled: false, featureEnabled: false };
    if (!this.ruleset) return disabled;
    try {
      return getVariant(this.ruleset, name, context);
    } catch {
      return disabled;
    }
  }

  allFlags(context: FlagContext = {}): FlagAnswer[] {
    if (!this.ruleset) return [];
    try {
      return evaluateAll(this.ruleset, context);
    } catch {
      return [];
    }
  }

  /** Whether the current ruleset defines `name` (the OpenFeature provider's FLAG_NOT_FOUND). */
  hasFlag(name: string): boolean {
    return this.ruleset?.features.has(name) ?? false;
  }

  private async poll(): Promise<void> {
    const before = this.status().state;
    try {
      const result = await fetchRuleset({ ...this.options, etag: this.etag, fetch: this.options.fetch ?? globalThis.fetch.bind(globalThis), timeoutMs: this.options.requestTimeoutMs });
      if (this.closed) return;
      this.failures = 0;
      this.lastSuccessAt = new Date();
      if (result.kind === 'changed') this.applyChange(result.compiled, result.etag, result.featureDigests);
      if (before !== 'ready') this.emit('ready', this.status());
      this.finishReady();
    } catch (error) {
      if (this.closed) return;
      this.failures += 1;
      this.recordError(error instanceof FlagsClientError ? error : new FlagsClientError('network', String(error), undefined, { cause: error }));
      if (this.ruleset) {
        // The first failure of a streak: from ready, or from a bootstrap never confirmed.
        if (this.failures === 1) this.emit('stale', this.status());
        this.finishReady();
      } else {
        this.finishReady(this.lastError!);
      }
    }
    this.schedule();
  }

  private applyChange(compiled: CompiledRuleset, etag: string | null, digests: Map<string, string>): void {
    const names = new Set([...this.digests.keys(), ...digests.keys()]);
    const flagsChanged = [...names].filter((name) => this.digests.get(name) !== digests.get(name));
    this.ruleset = compiled;
    this.digests = digests;
    this.etag = etag;
    this.emit('change', { flagsChanged, etag });
  }

  private recordError(error: FlagsClientError): void {
    this.lastError = error;
    try {
      this.options.onError?.(error);
    } catch {
      // As with listeners: the callback's failure must not stop polling.
    }
    this.emit('error', error);
  }

  private finishReady(error?: Error): void {
    if (this.settleReady.done) return;
    this.settleReady.done = true;
    if (error) this.settleReady.reject(error);
    else this.settleReady.resolve();
  }

  /** Healthy: every interval. Failing: the interval doubled per failure, up to maxBackoffMs, with jitter so a fleet does not retry in step. */
  private schedule(): void {
    if (this.closed) return;
    const { refreshIntervalMs, maxBackoffMs } = this.options;
    const backoff = Math.min(refreshIntervalMs * 2 ** Math.min(this.failures, 20), Math.max(refreshIntervalMs, maxBackoffMs));
    const delay = this.failures === 0 ? refreshIntervalMs : backoff * (0.8 + Math.random() * 0.2);
    this.timer = setTimeout(() => void this.refresh(), delay);
    // In Node, polling alone must not keep a process alive (browsers return a number).
    (this.timer as { unref?: () => void }).unref?.();
  }
}

export function createFlagsClient(options: FlagsClientOptions): FlagsClient {
  return new FlagsClient(options);
}
