import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../testing/parseCsv.js';
import { EXPORT_PAGE_SIZE, writeEntityFiles, type ReadPage, type Row } from './exportEntities.js';
import { createExportZip } from './exportZip.js';
import { readZip } from './testing/readZip.js';

/** The archive writer on its own: a large entity paged in, files that agree, checksums that match the bytes. */
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Rows served a page at a time by key, as readSubjectRows serves them. */
function pagedRows(rows: Row[]): ReadPage & { reads: number } {
  const read = Object.assign(
    async (after: unknown[] | null, limit: number) => {
      read.reads += 1;
      const start = after ? Number(after[0]) : 0;
      const page = rows.slice(start, start + limit);
      return { rows: page, next: start + limit < rows.length ? [start + limit] : null };
    },
    { reads: 0 },
  );
  return read;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'opsdesk-export-zip-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('export archive', () => {
  it('writes 20,000 rows as JSON and CSV that agree, with each file and the whole archive hashed as written', async () => {
    const rows: Row[] = Array.from({ length: 20_000 }, (_, i) => ({
      id: `row-${i}`,
      body: i % 7 === 0 ? `=cmd|"quoted", line\nbreak ${i}` : `plain ${i}`,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i % 60)),
      meta: { n: i, tags: ['a', 'b'] },
      raw: i === 3 ? Buffer.from('bytes') : null,
    }));
    const read = pagedRows(rows);
    const file = path.join(dir, 'big.zip');
    const zip = createExportZip(file, new Date());
    const files = await writeEntityFiles(zip, { name: 'app.things', path: 'app/things', read }, new AbortController().signal);
    const empty = await writeEntityFiles(zip, { name: 'app.none', path: 'app/none', read: pagedRows([]) }, new AbortController().signal);
    const archive = await zip.finish();

    expect(empty).toEqual([]);
    // Paged once for both files: never the whole entity at a time, never read twice.
    expect(read.reads).toBe(Math.ceil(rows.length / EXPORT_PAGE_SIZE));
    const bytes = await readFile(file);
    expect(archive).toEqual({ bytes: bytes.length, sha256: sha256(bytes) });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const entries = await readZip(bytes);
    expect([...entries.keys()]).toEqual(['app/things.json', 'app/things.csv']);
    for (const entry of files) {
      expect(entry.rows).toBe(rows.length);
      expect(entry.sha256).toBe(sha256(entries.get(entry.path)!));
      expect(entry.bytes).toBe(entries.get(entry.path)!.length);
    }
    const json = JSON.parse(entries.get('app/things.json')!.toString('utf8')) as Row[];
    const csv = parseCsv(entries.get('app/things.csv')!.toString('utf8'));
    expect(csv[0]).toEqual(['id', 'body', 'at', 'meta', 'raw']);
    expect(csv).toHaveLength(rows.length + 1);
    for (const i of [0, 3, 7, 19_999]) {
      expect(json[i]).toEqual({ ...rows[i], at: (rows[i]!.at as Date).toISOString(), raw: rows[i]!.raw ? 'Ynl0ZXM=' : null });
      // A cell that could start a formula is kept as text (prefixed with '), as the customer export does.
      expect(csv[i + 1]).toEqual([json[i]!.id, i % 7 === 0 ? `'${json[i]!.body as string}` : json[i]!.body, json[i]!.at, JSON.stringify(json[i]!.meta), (json[i]!.raw as string | null) ?? '']);
    }
  });

  it('stops between pages when the job is cancelled', async () => {
    const controller = new AbortController();
    const rows: Row[] = Array.from({ length: 2_000 }, (_, i) => ({ id: i }));
    const read: ReadPage = async (after, limit) => {
      if (after) controller.abort(new Error('cancelled'));
      return pagedRows(rows)(after, limit);
    };
    const zip = createExportZip(path.join(dir, 'cancelled.zip'), new Date());
    await expect(writeEntityFiles(zip, { name: 'app.things', path: 'app/things', read }, controller.signal)).rejects.toThrow('cancelled');
    zip.destroy();
  });
});
