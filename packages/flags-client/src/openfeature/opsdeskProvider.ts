import {
  ErrorCode,
  OpenFeatureEventEmitter,
  ProviderEvents,
  StandardResolutionReasons,
  type EvaluationContext,
  type JsonValue,
  type Provider,
  type ResolutionDetails,
} from '@openfeature/server-sdk';
import { createFlagsClient, FlagsClient, type FlagsClientOptions } from '../flagsClient.js';
import { toFlagContext } from './evaluationContext.js';

/**
 * An OpenFeature provider over the flags client, so products on OpenFeature plug Opsdesk
 * in with `OpenFeature.setProviderAndWait(new OpsdeskProvider({ url, apiKey }))`.
 *
 * - boolean: `isEnabled`; TARGETING_MATCH when on, DEFAULT when off for this context.
 * - string / number / object: the variant's payload (number parsed, object as JSON);
 *   the default value with DEFAULT when no variant with a payload applies.
 * - unknown flag: the default with ERROR / FLAG_NOT_FOUND; a payload of the wrong type:
 *   ERROR / TYPE_MISMATCH or PARSE_ERROR.
 * - while the client answers from a stale ruleset, the reason is STALE.
 * - events: READY (also on recovery), STALE, ERROR (nothing to answer from),
 *   CONFIGURATION_CHANGED with the flags a new ruleset changed.
 */
export class OpsdeskProvider implements Provider {
  readonly metadata = { name: 'Opsdesk' } as const;
  readonly runsOn = 'server' as const;
  readonly events = new OpenFeatureEventEmitter();
  readonly client: FlagsClient;
  private readonly ownsClient: boolean;
  private readonly unsubscribe: (() => void)[] = [];

  /** Give options to let the provider own (and close) its client, or share an existing client. */
  constructor(clientOrOptions: FlagsClient | FlagsClientOptions) {
    this.ownsClient = !(clientOrOptions instanceof FlagsClient);
    this.client = clientOrOptions instanceof FlagsClient ? clientOrOptions : createFlagsClient(clientOrOptions);
  }

  async initialize(): Promise<void> {
    let initialised = false;
    this.unsubscribe.push(
      // The SDK emits READY for a resolved initialize; later transitions are ours to announce.
      this.client.on('ready', () => initialised && this.events.emit(ProviderEvents.Ready)),
      this.client.on('stale', (status) => initialised && this.events.emit(ProviderEvents.Stale, { message: status.lastError?.message ?? 'answering from the last good ruleset' })),
      this.client.on('error', (error) => initialised && this.client.status().state === 'not_ready' && this.events.emit(ProviderEvents.Error, { message: error.message })),
      this.client.on('change', ({ flagsChanged }) => initialised && this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged })),
    );
    try {
      await this.client.ready();
    } finally {
      initialised = true;
    }
  }

  async onClose(): Promise<void> {
    for (const stop of this.unsubscribe.splice(0)) stop();
    if (this.ownsClient) this.client.close();
  }

  async resolveBooleanEvaluation(flagKey: string, defaultValue: boolean, context: EvaluationContext): Promise<ResolutionDetails<boolean>> {
    const missing = this.notFound(flagKey, defaultValue);
    if (missing) return missing;
    const value = this.client.isEnabled(flagKey, toFlagContext(context), defaultValue);
    return { value, reason: this.reason(value ? StandardResolutionReasons.TARGETING_MATCH : StandardResolutionReasons.DEFAULT) };
  }

  async resolveStringEvaluation(flagKey: string, defaultValue: string, context: EvaluationContext): Promise<ResolutionDetails<string>> {
    return this.resolvePayload(flagKey, defaultValue, context, (text) => text);
  }

  async resolveNumberEvaluation(flagKey: string, defaultValue: number, context: EvaluationContext): Promise<ResolutionDetails<number>> {
    return this.resolvePayload(flagKey, defaultValue, context, (text) => {
      const value = text.trim() === '' ? Number.NaN : Number(text);
      if (!Number.isFinite(value)) throw new PayloadError(ErrorCode.TYPE_MISMATCH, `the payload "${text.slice(0, 50)}" is not a number`);
      return value;
    });
  }

  async resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T, context: EvaluationContext): Promise<ResolutionDetails<T>> {
    return this.resolvePayload(flagKey, defaultValue, context, (text) => {
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new PayloadError(ErrorCode.PARSE_ERROR, 'the payload is not JSON');
      }
    });
  }

  private resolvePayload<T>(flagKey: string, defaultValue: T, context: EvaluationContext, parse: (text: string) => T): ResolutionDetails<T> {
    const missing = this.notFound(flagKey, defaultValue);
    if (missing) return missing;
    const variant = this.client.getVariant(flagKey, toFlagContext(context));
    if (!variant.enabled || !variant.payload) {
      return { value: defaultValue, reason: this.reason(StandardResolutionReasons.DEFAULT), ...(variant.enabled ? { variant: variant.name } : {}) };
    }
    try {
      return { value: parse(variant.payload.value), variant: variant.name, reason: this.reason(StandardResolutionReasons.TARGETING_MATCH) };
    } catch (error) {
      if (!(error instanceof PayloadError)) throw error;
      return { value: defaultValue, variant: variant.name, reason: StandardResolutionReasons.ERROR, errorCode: error.code, errorMessage: error.message };
    }
  }

  private notFound<T>(flagKey: string, defaultValue: T): ResolutionDetails<T> | null {
    if (this.client.hasFlag(flagKey)) return null;
    const state = this.client.status().state;
    return state === 'not_ready'
      ? { value: defaultValue, reason: StandardResolutionReasons.ERROR, errorCode: ErrorCode.PROVIDER_NOT_READY, errorMessage: 'no ruleset received from Opsdesk yet' }
      : { value: defaultValue, reason: StandardResolutionReasons.ERROR, errorCode: ErrorCode.FLAG_NOT_FOUND, errorMessage: `no flag "${flagKey.slice(0, 100)}" in the ruleset` };
  }

  /** An answer from a ruleset Opsdesk could not confirm on the last refresh is STALE. */
  private reason(fresh: string): string {
    return this.client.status().state === 'stale' ? StandardResolutionReasons.STALE : fresh;
  }
}

class PayloadError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
