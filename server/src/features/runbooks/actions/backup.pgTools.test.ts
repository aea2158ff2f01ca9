import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupFileName, listBackups, partialFileName } from './backup.files.js';
import { pgTarget, toolMismatch } from './backup.pgTools.js';

describe('pg tool targets', () => {
  it('keeps the password out of the argument, for PGPASSWORD only', () => {
    const target = pgTarget('postgres://opsdesk:s%40cret%2Fx@db.internal:6543/opsdesk?sslmode=require&password=other', 'opsdesk_verify_0123456789ab');
    expect(target.password).toBe('s@cret/x');
    expect(target.dbnameArgument).toBe('postgres://opsdesk@db.internal:6543/opsdesk_verify_0123456789ab?sslmode=require');
    expect(target.display).toBe('db.internal:6543/opsdesk_verify_0123456789ab');
  });

  it('takes a password given as a query parameter, and none at all', () => {
    expect(pgTarget('postgres://u@h/d?password=q%26r').password).toBe('q&r');
    expect(pgTarget('postgres://u@h/d')).toEqual({ dbnameArgument: 'postgres://u@h/d', password: null, display: 'h:5432/d' });
  });

  it('refuses tools older than the server, or missing, saying what to install', () => {
    expect(toolMismatch({ tool: 'pg_dump', version: '16.4', major: 16 }, 16)).toBeNull();
    expect(toolMismatch({ tool: 'pg_restore', version: '17.0', major: 17 }, 16)).toBeNull();
    expect(toolMismatch({ tool: 'pg_dump', version: '15.20', major: 15 }, 18)).toBe(
      'pg_dump 15.20 is older than the database server (PostgreSQL 18): install the PostgreSQL 18 client tools (Debian: postgresql-client-18) and put them on PATH.',
    );
    expect(toolMismatch({ tool: 'pg_restore', version: null, major: null }, 15)).toMatch(/^pg_restore is not on PATH: install the PostgreSQL 15 client tools/);
  });
});

describe('backup files', () => {
  let directory: string | undefined;
  afterEach(() => directory && rmSync(directory, { recursive: true, force: true }));

  it('lists complete dumps only, newest first, and none for a missing directory', async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'opsdesk-backup-files-'));
    const older = backupFileName(new Date('2026-01-02T03:04:05.006Z'));
    const newer = backupFileName(new Date('2026-01-02T03:04:05.007Z'));
    expect(newer).toBe('opsdesk-2026-01-02T03-04-05.007Z.dump');
    writeFileSync(path.join(directory, older), 'PGDMP-older');
    writeFileSync(path.join(directory, newer), 'PGDMP');
    writeFileSync(path.join(directory, partialFileName(backupFileName(new Date('2027-01-01T00:00:00Z')))), 'half');
    writeFileSync(path.join(directory, 'notes.txt'), 'not a dump');
    const listed = await listBackups(directory);
    expect(listed.map((backup) => [backup.name, backup.sizeBytes, backup.takenAt.toISOString()])).toEqual([
      [newer, 5, '2026-01-02T03:04:05.007Z'],
      [older, 11, '2026-01-02T03:04:05.006Z'],
    ]);
    expect(await listBackups(path.join(directory, 'absent'))).toEqual([]);
  });
});
