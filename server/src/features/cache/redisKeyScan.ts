import type { Redis } from 'ioredis';

/**
 * Walking Redis keys by prefix without blocking it: SCAN MATCH <prefix>* COUNT 500 (never
 * KEYS, which stops the server while it walks the whole keyspace), deleting with UNLINK
 * (memory freed in the background) in batches.
 */
const SCAN_COUNT = 500;
const UNLINK_BATCH = 500;

/** SCAN's MATCH is a glob: the prefix is matched literally. */
export function matchPatternOf(prefix: string): string {
  return `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
}

/** The keys under `prefix`, a SCAN page at a time (a key may appear twice if the keyspace is rehashed meanwhile). */
export async function* scanKeyPages(redis: Redis, prefix: string, signal?: AbortSignal): AsyncGenerator<string[]> {
  let cursor = '0';
  do {
    signal?.throwIfAborted();
    const [next, keys] = await redis.scan(cursor, 'MATCH', matchPatternOf(prefix), 'COUNT', SCAN_COUNT);
    cursor = next;
    // Belt and braces: only keys that really start with the prefix.
    const ours = keys.filter((key) => key.startsWith(prefix));
    if (ours.length > 0) yield ours;
  } while (cursor !== '0');
}

/** How many keys are under `prefix`, and the first `sample` of them (sorted). */
export async function countKeys(redis: Redis, prefix: string, sample = 0): Promise<{ count: number; sample: string[] }> {
  const seen = new Set<string>();
  for await (const page of scanKeyPages(redis, prefix)) for (const key of page) seen.add(key);
  return { count: seen.size, sample: [...seen].sort().slice(0, sample) };
}

/** Deletes `keys` with UNLINK in batches; returns how many existed. */
export async function unlinkKeys(redis: Redis, keys: string[]): Promise<number> {
  let removed = 0;
  for (let i = 0; i < keys.length; i += UNLINK_BATCH) removed += await redis.unlink(...keys.slice(i, i + UNLINK_BATCH));
  return removed;
}
