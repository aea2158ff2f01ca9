/**
 * Why a refresh failed. The client never throws these from evaluation: they are reported
 * through `status().lastError`, the `error` event and `onError`, while the last good
 * ruleset keeps answering.
 */
export type FlagsClientErrorKind = 'network' | 'timeout' | 'http' | 'unauthorized' | 'invalid_ruleset';

export class FlagsClientError extends Error {
  override readonly name = 'FlagsClientError';
  constructor(
    readonly kind: FlagsClientErrorKind,
    message: string,
    /** The HTTP status, when Opsdesk answered. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
