import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * pg_dump and pg_restore from the PostgreSQL client tools on PATH (README: "Backups").
 * Always spawned with an argument array, never through a shell; the password goes in
 * PGPASSWORD, never on the command line (visible in `ps`) nor in the log.
 */
export type PgTool = 'pg_dump' | 'pg_restore';

export interface ToolVersion {
  tool: PgTool;
  /** As printed, e.g. "15.20"; null when the tool is not on PATH. */
  version: string | null;
  major: number | null;
}

/** Where libpq should connect: the URL without its password, and the password apart. */
export interface PgTarget {
  dbnameArgument: string;
  password: string | null;
  /** host:port/database, safe to show. */
  display: string;
}

export function pgTarget(connectionString: string, database?: string): PgTarget {
  const url = new URL(connectionString);
  const password = url.password ? decodeURIComponent(url.password) : url.searchParams.get('password');
  url.password = '';
  url.searchParams.delete('password');
  if (database) url.pathname = `/${encodeURIComponent(database)}`;
  const name = decodeURIComponent(url.pathname.slice(1));
  return { dbnameArgument: url.toString(), password: password || null, display: `${url.hostname}:${url.port || '5432'}/${name}` };
}

export async function findToolVersion(tool: PgTool): Promise<ToolVersion> {
  const lines: string[] = [];
  try {
    const code = await runTool(tool, ['--version'], { onLine: (line) => void lines.push(line) });
    const match = code === 0 ? /\(PostgreSQL\)\s+((\d+)(?:\.\d+)*)/.exec(lines.join(' ')) : null;
    return { tool, version: match?.[1] ?? null, major: match ? Number(match[2]) : null };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { tool, version: null, major: null };
    throw error;
  }
}

/**
 * Why the tool cannot work against a server of this major, or null when it can:
 * pg_dump refuses a newer server, and a pg_restore older than the server cannot
 * read the archives a matching pg_dump writes.
 */
export function toolMismatch(found: ToolVersion, serverMajor: number): string | null {
  const install = `install the PostgreSQL ${serverMajor} client tools (Debian: postgresql-client-${serverMajor}) and put them on PATH`;
  if (found.major === null) return `${found.tool} is not on PATH: ${install}.`;
  if (found.major < serverMajor) return `${found.tool} ${found.version} is older than the database server (PostgreSQL ${serverMajor}): ${install}.`;
  return null;
}

export interface RunToolOptions {
  target?: PgTarget;
  signal?: AbortSignal;
  /** Every line the tool prints (stderr carries pg_dump's --verbose progress and all errors). */
  onLine(line: string): void | Promise<void>;
}

/** Runs the tool to its end and resolves its exit code; rejects when it cannot start or is aborted. */
export function runTool(tool: PgTool, args: string[], options: RunToolOptions): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, PGAPPNAME: 'opsdesk-backup', PGCONNECT_TIMEOUT: '10' };
  if (options.target?.password) env.PGPASSWORD = options.target.password;
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new Error(`${tool} was not started: the run was cancelled`));
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const pending: Array<Promise<void> | void> = [];
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        if (line.trim()) pending.push(options.onLine(line));
      });
    }
    const abort = () => child.kill('SIGTERM');
    options.signal?.addEventListener('abort', abort, { once: true });
    child.once('error', (error) => {
      options.signal?.removeEventListener('abort', abort);
      reject(error);
    });
    child.once('close', (code, signal) => {
      options.signal?.removeEventListener('abort', abort);
      void Promise.all(pending).then(() => {
        if (options.signal?.aborted) reject(new Error(`${tool} was stopped: the run was cancelled or timed out`));
        else resolve(code ?? (signal ? 128 : 1));
      }, reject);
    });
  });
}

/** The same server and credentials as `connectionString`, another database (for node-postgres). */
export function withDatabaseName(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}
