import { buffer } from 'node:stream/consumers';
import yauzl from 'yauzl';

/** Every entry of a ZIP (a test reads small archives whole), checked by yauzl: CRCs and sizes must match. */
export async function readZip(zipBytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(zipBytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true });
  const entries = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) entries.set(entry.fileName, await buffer(await zip.openReadStreamPromise(entry)));
  return entries;
}
