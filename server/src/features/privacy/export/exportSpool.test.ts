import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEntityFiles, type ReadPage, type Row } from './exportEntities.js';
import { csvSpoolPath, partialExportPath, removePartialExports } from './exportFiles.js';
import { createExportZip } from './exportZip.js';
import { readZip } from './testing/readZip.js';

/** The CSV spooled beside the archive while the JSON streams in: private while it exists, gone in every path. */
const requestId = '00000000-0000-4000-8000-0000000000a1';
const rows: Row[] = Array.from({ length: 2_500 }, (_, i) => ({ id: i, note: `note ${i}` }));

/** Pages of `rows`; `onPage` runs before each page after the first (the spool exists by then). */
function reader(onPage: (after: unknown[]) => Promise<void>): ReadPage & { reads: number } {
  const read = Object.assign(
    async (after: unknown[] | null, limit: number) => {
      read.reads += 1;
      if (after) await onPage(after);
      const start = after ? Number(after[0]) : 0;
      return { rows: rows.slice(start, start + limit), next: start + limit < rows.length ? [start + limit] : null };
    },
    { reads: 0 },
  );
  return read;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'opsdesk-export-spool-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('export CSV spool', () => {
  it('is the server’s alone while written, becomes the CSV entry with the hash recorded, and is removed after', async () => {
    const file = partialExportPath(dir, requestId, '00000000-0000-4000-8000-0000000000b1');
    const spool = csvSpoolPath(file);
    const modes: number[] = [];
    const read = reader(async () => void modes.push((await stat(spool)).mode & 0o777));
    const zip = createExportZip(file, new Date());
    const files = await writeEntityFiles(zip, { name: 'app.things', path: 'app/things', read }, new AbortController().signal);
    await zip.finish();

    expect(path.dirname(spool)).toBe(dir);
    expect(modes).toEqual([0o600, 0o600]);
    expect(read.reads).toBe(3);
    expect((await readdir(dir)).filter((name) => name.endsWith('.csv.partial'))).toEqual([]);
    const csv = (await readZip(await readFile(file))).get('app/things.csv')!;
    expect(files[1]).toEqual({ path: 'app/things.csv', entity: 'app.things', format: 'csv', rows: rows.length, bytes: csv.length, sha256: createHash('sha256').update(csv).digest('hex') });
    await rm(file);
  });

  it('is removed when the job is cancelled or a read fails mid-entity', async () => {
    for (const [index, stop] of [
      (controller: AbortController) => controller.abort(new Error('cancelled')),
      () => {
        throw new Error('connection lost');
      },
    ].entries()) {
      const controller = new AbortController();
      const file = partialExportPath(dir, requestId, `00000000-0000-4000-8000-0000000000c${index}`);
      const read = reader(async () => stop(controller));
      const zip = createExportZip(file, new Date());
      await expect(writeEntityFiles(zip, { name: 'app.things', path: 'app/things', read }, controller.signal)).rejects.toThrow(/cancelled|connection lost/);
      zip.destroy();
      expect((await readdir(dir)).filter((name) => name.endsWith('.csv.partial'))).toEqual([]);
      await rm(file, { force: true });
    }
  });

  it('is swept with the partial archive when a crashed run left it behind', async () => {
    const file = partialExportPath(dir, requestId, '00000000-0000-4000-8000-0000000000d1');
    await writeFile(file, 'half an archive');
    await writeFile(csvSpoolPath(file), 'half a csv');
    await removePartialExports(dir, requestId);
    expect(await readdir(dir)).toEqual([]);
  });
});
