import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The dumps in BACKUP_DIR. A dump is written under a temporary name and renamed when
 * pg_dump has finished, so only complete files ever match the backup name pattern.
 */
export interface BackupFile {
  name: string;
  path: string;
  sizeBytes: number;
  /** When the dump started (from its name): the latest it can hold. */
  takenAt: Date;
}

const BACKUP_NAME = /^opsdesk-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})\.(\d{3})Z\.dump$/;

/** `opsdesk-2026-11-30T21-08-53.123Z.dump`: UTC, sorts by time, no characters a file system dislikes. */
export function backupFileName(at: Date): string {
  return `opsdesk-${at.toISOString().replaceAll(':', '-')}.dump`;
}

/** Where the dump is written until it is complete (never matches the backup pattern). */
export function partialFileName(finalName: string): string {
  return `.${finalName}.partial`;
}

function takenAtOf(name: string): Date | null {
  const match = BACKUP_NAME.exec(name);
  if (!match) return null;
  const [, day, hours, minutes, seconds, millis] = match;
  const at = new Date(`${day}T${hours}:${minutes}:${seconds}.${millis}Z`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** Newest first; an absent directory holds no backups. */
export async function listBackups(directory: string): Promise<BackupFile[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const backups: BackupFile[] = [];
  for (const name of names) {
    const takenAt = takenAtOf(name);
    if (!takenAt) continue;
    const file = path.join(directory, name);
    const info = await stat(file).catch(() => null);
    if (info?.isFile()) backups.push({ name, path: file, sizeBytes: info.size, takenAt });
  }
  return backups.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
