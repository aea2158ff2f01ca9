import { execFile } from 'node:child_process';

/**
 * Runs the real `promtool` (Debian's prometheus package; .ci/run installs it). Missing
 * promtool fails the test with the fix, never skips it: the rules would go unproven.
 */
export function runPromtool(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    execFile('promtool', args, { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      if (code === 'ENOENT') {
        reject(new Error('promtool is not on PATH: install Debian’s prometheus package (apt-get install -y --no-install-recommends prometheus), as .ci/run does'));
        return;
      }
      resolve({ code: typeof code === 'number' ? code : error ? -1 : 0, output: `${stdout}${stderr}` });
    });
  });
}
