import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Text written to a stream as UTF-8, counted and hashed (SHA-256) on the way, so the
 * manifest needs no second pass over a file. A write waits while the stream is behind
 * (backpressure), or until `failed` rejects (disk full), so no wait is left hanging.
 * Shared by the archive's entries (exportZip.ts) and the CSV spooled beside it (exportSpool.ts).
 */
export function hashedWrites(stream: Writable, failed: Promise<unknown>) {
  const hash = createHash('sha256');
  let bytes = 0;
  return {
    async write(text: string): Promise<void> {
      const chunk = Buffer.from(text, 'utf8');
      hash.update(chunk);
      bytes += chunk.length;
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
    },
    /** What was written: call once, after the last write. */
    written(): { bytes: number; sha256: string } {
      return { bytes, sha256: hash.digest('hex') };
    },
  };
}
