import { chmod, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where exports live (config.privacyExportDir): one archive per request, written under
 * a temporary name and renamed when whole, so a file with the final name is always a
 * complete archive. The folder is the server's alone (700), each file too (600).
 */
export function exportFilePath(dir: string, requestId: string): string {
  return path.join(dir, `privacy-export-${requestId}.zip`);
}

/** Per job: a cancelled run still winding down never removes the file of the run that replaced it. */
export function partialExportPath(dir: string, requestId: string, jobId: string): string {
  return path.join(dir, `.privacy-export-${requestId}-${jobId}.zip.partial`);
}

/** Beside the partial archive: an entity's CSV while its JSON streams into the archive (exportSpool.ts). */
export function csvSpoolPath(zipFile: string): string {
  return zipFile.endsWith('.zip.partial') ? `${zipFile.slice(0, -'.zip.partial'.length)}.csv.partial` : `${zipFile}.csv.partial`;
}

/** What earlier runs of this request left half-written (a crash, a kill): a new run starts clean. */
export async function removePartialExports(dir: string, requestId: string): Promise<void> {
  const prefix = `.privacy-export-${requestId}-`;
  for (const name of await readdir(dir)) if (name.startsWith(prefix) && (name.endsWith('.zip.partial') || name.endsWith('.csv.partial'))) await removeFile(path.join(dir, name));
}

/** An export file's name as this module writes it: the expiry deletes nothing else. */
export function isExportFileName(file: string): boolean {
  return /^privacy-export-[0-9a-f-]{36}\.zip$/.test(path.basename(file));
}

export async function ensureExportDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir leaves an existing folder's mode alone (and the umask narrows a new one): set it.
  await chmod(dir, 0o700);
}

export async function removeFile(file: string): Promise<void> {
  await rm(file, { force: true });
}
