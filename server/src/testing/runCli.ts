import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type CliResult = { stdout: string; stderr: string } | { failed: true; code: number; stdout: string; stderr: string };

/** Runs `src/cli/<script>` as an operator would: a real process with its own environment. */
export function runCli(script: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  return run(process.execPath, ['--import', 'tsx', `src/cli/${script}`, ...args], { cwd: serverDir, env: { ...process.env, LOG_LEVEL: 'silent', ...env } }).catch(
    (error: { code: number; stdout: string; stderr: string }) => ({ failed: true as const, code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}
