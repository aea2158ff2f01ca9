import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A real Prometheus for tests (Debian's /usr/bin/prometheus): its own temp directory
 * and port, scraping the given targets every second. Resolves once /-/ready answers;
 * fails with Prometheus's last log lines if it exits or is not ready within the bound.
 */
export interface TestPrometheus {
  url: string;
  stop(): Promise<void>;
}

export const PROMETHEUS_BINARY = '/usr/bin/prometheus';
const READY_BOUND_MS = 20_000;

/** Calls `check` until it returns a value other than undefined or the bound passes; `what` names it in the failure. */
export async function pollUntil<T>(check: () => Promise<T | undefined>, what: string, boundMs = 15_000): Promise<T> {
  const deadline = Date.now() + boundMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: not within ${boundMs / 1000} s${last ? ` (last error: ${String(last)})` : ''}`);
}

export async function startTestPrometheus(options: { port: number; targets: Record<string, string> }): Promise<TestPrometheus> {
  const dir = mkdtempSync(path.join(tmpdir(), 'opsdesk-prometheus-'));
  const jobs = Object.entries(options.targets).map(([job, target]) => `  - job_name: ${job}\n    static_configs:\n      - targets: ['${target}']`);
  writeFileSync(path.join(dir, 'prometheus.yml'), `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n${jobs.join('\n')}\n`);
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(
    PROMETHEUS_BINARY,
    [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${options.port}`, '--log.level=warn'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let gone = false;
  void exited.then(() => (gone = true));

  async function stop() {
    if (!gone) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  }

  try {
    const outcome = await pollUntil(
      async () => {
        if (gone) return 'exited';
        const response = await fetch(`${url}/-/ready`);
        return response.ok ? 'ready' : undefined;
      },
      `Prometheus at ${url} ready`,
      READY_BOUND_MS,
    );
    if (outcome === 'exited') throw new Error(`${PROMETHEUS_BINARY} exited before it was ready`);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return { url, stop };
}
