import { createHash } from 'node:crypto';
import { idempotencyError, invalidRequest } from './errors.js';

export interface StoredResponse {
  status: number;
  body: unknown;
}

interface Entry {
  fingerprint: string;
  createdAt: number;
  /** Resolves when the first request with this key has produced its response. */
  result: Promise<StoredResponse>;
}

const KEY_TTL_MS = 24 * 3600 * 1000;

/**
 * Idempotency-Key handling: the first request with a key runs; any later (or concurrent)
 * request with the same key and the same method/path/params gets the very same status and
 * body; with different params it gets 400 idempotency_error. Keys live 24 h.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  async run(
    scope: string,
    key: string,
    request: { method: string; path: string; params: unknown },
    execute: () => Promise<StoredResponse>,
  ): Promise<StoredResponse & { replayed: boolean }> {
    if (key.length > 255) throw invalidRequest('Idempotency keys can be at most 255 characters long.', 'idempotency_key');
    this.evictExpired();
    const id = `${scope}\u0000${key}`;
    const fingerprint = createHash('sha256').update(JSON.stringify([request.method, request.path, request.params])).digest('hex');
    const existing = this.entries.get(id);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        throw idempotencyError(
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      return { ...(await existing.result), replayed: true };
    }
    const result = execute();
    const entry: Entry = { fingerprint, createdAt: Date.now(), result };
    this.entries.set(id, entry);
    try {
      return { ...(await result), replayed: false };
    } catch (e) {
      // Only responses are stored; an unexpected crash frees the key for a retry.
      this.entries.delete(id);
      throw e;
    }
  }

  /** Forget a key (used when the response must not be replayed, e.g. injected faults). */
  forget(scope: string, key: string): void {
    this.entries.delete(`${scope}\u0000${key}`);
  }

  private evictExpired(): void {
    const cutoff = Date.now() - KEY_TTL_MS;
    for (const [id, e] of this.entries) if (e.createdAt < cutoff) this.entries.delete(id);
  }
}
