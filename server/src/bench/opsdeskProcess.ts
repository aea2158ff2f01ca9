import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * A real Opsdesk server (`node --import tsx server/src/main.ts`) as a child process, the way a person
 * starts it, for the capacity bench. Its output is read line by line so the bench can
 * wait on what the server says ("Opsdesk is running at …") instead of sleeping.
 */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const KEPT_LINES = 80;

export interface OpsdeskProcess {
  baseUrl: string;
  /** Its process id, which is also its process group's. */
  pid: number;
  /** Resolves with the first line matching `ready`; rejects when `failure` is printed, the process exits, or time runs out. */
  waitForLine(ready: RegExp, options: { timeoutMs: number; failure?: RegExp }): Promise<string>;
  /** The exit code once the process has ended, otherwise undefined. */
  exitCode(): number | null | undefined;
  /** The last lines the server printed, for error messages. */
  recentOutput(): string;
  /** SIGTERM to the process group, SIGKILL if it has not ended in 15 s. Safe to call twice. */
  stop(): Promise<void>;
}

/** `script` (from the repository root) defaults to the Opsdesk server; the webhook bench also runs its Stripe Sync Engine endpoint this way. `nodeArgs` go to node: `--cpu-prof` for profiling. */
export function startOpsdeskProcess(options: { port: number; env: Record<string, string | undefined>; onLine?: (line: string) => void; script?: string; nodeArgs?: string[] }): OpsdeskProcess {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env, PORT: String(options.port), HOST: '127.0.0.1' };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  // node with tsx's loader, not the tsx command: that one is a second process which, when a
  // signal is not acknowledged within 60 ms by a busy child, kills it (no graceful stop, no --cpu-prof profile).
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', options.script ?? 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    // Its own process group, so stopping also ends the embedded PostgreSQL it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  const lines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  let exit: number | null | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = code ?? (signal ? 128 : null);
      resolve();
    });
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      if (lines.length > KEPT_LINES) lines.shift();
      options.onLine?.(line);
      for (const listener of listeners) listener(line);
    });
  }

  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };

  const groupAlive = () => {
    try {
      return child.pid !== undefined && process.kill(-child.pid, 0);
    } catch {
      return false;
    }
  };

  return {
    baseUrl: `http://127.0.0.1:${options.port}`,
    pid: child.pid ?? -1,
    exitCode: () => exit,
    recentOutput: () => lines.join('\n'),
    waitForLine(ready, { timeoutMs, failure }) {
      return new Promise((resolve, reject) => {
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(onLine);
          settle();
        };
        const onLine = (line: string) => {
          if (failure?.test(line)) done(() => reject(new Error(`the server said: ${line.trim()}`)));
          else if (ready.test(line)) done(() => resolve(line));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`no "${ready.source}" within ${timeoutMs / 1000} s`))), timeoutMs);
        listeners.add(onLine);
        void exited.then(() => done(() => reject(new Error(`the server exited with code ${exit}`))));
      });
    },
    async stop() {
      if (exit !== undefined || child.pid === undefined) return;
      signalGroup('SIGTERM');
      const forced = setTimeout(() => signalGroup('SIGKILL'), 15_000);
      await exited;
      clearTimeout(forced);
      // The server can end before the embedded PostgreSQL has finished shutting down: give
      // the rest of the group 10 s, then end it.
      for (let waited = 0; groupAlive() && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
      signalGroup('SIGKILL');
    },
  };
}
