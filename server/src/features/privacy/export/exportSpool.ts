import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { removeFile } from './exportFiles.js';
import { hashedWrites } from './hashedWrites.js';

/**
 * A file written beside the archive while another entry streams into it (an entity's
 * CSV while its JSON goes to the ZIP): the archive takes one entry at a time, and the
 * page read once for both must not wait in memory. Counted and hashed (SHA-256) as
 * written, so the manifest needs no second pass; the server's alone (600); the caller
 * removes it in every path.
 */
export interface ExportSpool {
  readonly file: string;
  /** Waits while the disk is behind (backpressure). */
  write(text: string): Promise<void>;
  /** Flushes and closes the file. */
  end(): Promise<{ bytes: number; sha256: string }>;
  /** Closes (if open) and deletes the file; harmless twice. */
  remove(): Promise<void>;
}

/** Resolves once the file exists (opened before the first row is read: a failure here has written nothing). */
export async function createExportSpool(file: string): Promise<ExportSpool> {
  // 'wx': never another run's file, never a link someone left in its place.
  const out = createWriteStream('', { fd: await open(file, 'wx', 0o600) });
  const done = finished(out);
  done.catch(() => undefined);
  // A failed write (disk full) rejects `done`, ending the wait for a drain that would never come.
  const writes = hashedWrites(out, done);
  return {
    file,
    write: writes.write,
    async end() {
      out.end();
      await done;
      return writes.written();
    },
    async remove() {
      out.destroy();
      await removeFile(file);
    },
  };
}
