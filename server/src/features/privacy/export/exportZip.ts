import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { PassThrough, Transform } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { hashedWrites } from './hashedWrites.js';

/**
 * A ZIP streamed to a file as it is built (yazl): entries are written one after the
 * other, each through a small buffer that waits for the archive to take it, so memory
 * stays flat whatever an entry holds. Each entry and the whole archive are counted and
 * hashed (SHA-256) on the way: the manifest and the request row record them.
 */
export interface ZipEntryWriter {
  /** Waits while the archive is behind (backpressure). */
  write(text: string): Promise<void>;
  end(): Promise<{ bytes: number; sha256: string }>;
}

export interface ExportZip {
  /** The archive's file: what is spooled beside it (exportSpool.ts) goes in the same folder. */
  readonly file: string;
  entry(path: string): ZipEntryWriter;
  /** An entry copied from a file already on disk (counted and hashed by whoever wrote it); resolves once the archive has read it all. */
  entryFromFile(path: string, source: string): Promise<void>;
  /** Closes the archive and waits until the file is on disk. */
  finish(): Promise<{ bytes: number; sha256: string }>;
  /** Stops writing after a failure (the caller removes the file). */
  destroy(): void;
}

export function createExportZip(file: string, mtime: Date): ExportZip {
  const zip = new yazl.ZipFile();
  const whole = createHash('sha256');
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      whole.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  // Created here, with its mode: the archive is never readable by others, not even half-written.
  const output = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  const written = pipeline(zip.outputStream, counter, output);
  // A failure of the file (disk full) ends every wait below instead of leaving one hanging.
  const failed = written.then(() => new Promise<never>(() => undefined));
  written.catch(() => undefined);
  failed.catch(() => undefined);
  let open: PassThrough | ReturnType<typeof createReadStream> | null = null;

  return {
    file,
    entry(path) {
      if (open) throw new Error(`zip entry ${path} opened before the previous one ended`);
      const stream = new PassThrough();
      open = stream;
      const writes = hashedWrites(stream, failed);
      zip.addReadStream(stream, path, { mtime, mode: 0o100600 });
      return {
        write: writes.write,
        async end() {
          stream.end();
          open = null;
          return writes.written();
        },
      };
    },
    async entryFromFile(path, source) {
      if (open) throw new Error(`zip entry ${path} opened before the previous one ended`);
      const stream = createReadStream(source);
      open = stream;
      zip.addReadStream(stream, path, { mtime, mode: 0o100600 });
      await Promise.race([finished(stream), failed]);
      // Left set on a failure, so destroy() closes the file too.
      open = null;
    },
    async finish() {
      zip.end();
      await written;
      return { bytes, sha256: whole.digest('hex') };
    },
    destroy() {
      open?.destroy();
      output.destroy();
    },
  };
}
