import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * What a newcomer does: `npm start` with no configuration at all. The server must
 * start embedded PostgreSQL, migrate, create the demo staff, print where to sign in,
 * and keep its state across a restart.
 */
describe('npm start on the embedded default', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'opsdesk-start-'));
  chmodSync(dataDir, 0o755);
  const pgPort = String(56000 + Math.floor(Math.random() * 1000));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** No configuration at all: the embedded default, in this test's data folder. */
  function embeddedDefaultEnv(logLevel: string): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, OPSDESK_DATA_DIR: dataDir, EMBEDDED_PG_PORT: pgPort, PORT: '0', STRIPE_EMULATOR_PORT: '0', LOG_LEVEL: logLevel, DEMO_COMPANY_USERS: '100' };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    return env;
  }

  /** Starts the server with `env` on top of the embedded default and waits for it to exit. */
  function runToExit(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: serverDir, env: { ...embeddedDefaultEnv('warn'), ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
  }

  function start(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: serverDir, env: embeddedDefaultEnv('warn') });
    let output = '';
    return new Promise((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Opsdesk is running at (\S+)/.exec(output);
        if (match && output.includes('password for all')) resolve({ child, url: match[1]!, output: () => output });
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    });
  }

  async function stop(child: ChildProcess) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  const login = (url: string, email: string, password: string) =>
    fetch(`${url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-opsdesk-csrf': '1' }, body: JSON.stringify({ email, password }) });

  it('starts, prints the demo logins, and keeps state across a restart', async () => {
    const first = await start();
    expect(first.output()).toContain('Demo staff accounts created:');
    expect(first.output()).toMatch(/Demo company ready in [\d.]+ s/);
    expect(first.output()).toMatch(/admin\s+admin@opsdesk\.test/);
    const response = await login(first.url, 'admin@opsdesk.test', 'opsdesk-demo-password');
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    const created = await fetch(`${first.url}/trpc/staff.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-opsdesk-csrf': '1', cookie },
      body: JSON.stringify({ email: 'kept@example.test', name: 'Kept', roles: ['support'], password: 'survives a restart' }),
    });
    expect(created.status).toBe(200);
    await stop(first.child);

    const second = await start();
    expect(second.output()).toContain('Demo staff accounts:');
    expect(second.output()).not.toContain('created');
    expect(second.output()).not.toContain('Demo company');
    expect((await login(second.url, 'kept@example.test', 'survives a restart')).status).toBe(200);
    expect(await (await fetch(`${second.url}/readyz`)).json()).toEqual({ status: 'ready' });
    await stop(second.child);
  }, 120_000);

  it('stops cleanly on Ctrl-C under npm start: the whole process group signalled, as a terminal does', async () => {
    // Its own process group, as a terminal's foreground job: Ctrl-C signals every process in it.
    const child = spawn('npm', ['start'], { cwd: serverDir, env: embeddedDefaultEnv('info'), detached: true });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('password for all')) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then((code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
    const closed = new Promise((resolve) => child.stdout.once('close', resolve));
    process.kill(-child.pid!, 'SIGINT');
    await closed;
    expect(output).toContain('SIGINT received, shutting down');
    // The last line of a shutdown that ran to the end: requests drained, jobs and the database closed.
    expect(output).toContain('Opsdesk stopped');
    expect(output).not.toContain('did not stop');
  }, 120_000);

  it('stops cleanly when stopped while the demo company is being created on a first start', async () => {
    // Its own data folder and port: the first start of this installation, so it seeds.
    const firstStartDir = mkdtempSync(path.join(tmpdir(), 'opsdesk-first-stop-'));
    chmodSync(firstStartDir, 0o755);
    try {
      const env = { ...embeddedDefaultEnv('info'), OPSDESK_DATA_DIR: firstStartDir, EMBEDDED_PG_PORT: String(Number(pgPort) + 1000) };
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: serverDir, env });
      let output = '';
      const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          // A stop once Stripe's events are flowing to this server's own webhook endpoint.
          if (/webhook events in the ledger/.test(output)) resolve();
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        void closed.then((code) => reject(new Error(`the server exited with ${code} before seeding:\n${output}`)));
      });
      child.kill('SIGTERM');
      const code = await closed;
      expect(output).toContain('SIGTERM received, shutting down');
      expect(output).not.toContain('Opsdesk is running at');
      // Not a crash half-way: the job engine started on the closed database threw "driver has already been
      // destroyed" uncaught, and Node printed its stack and version. (The seed's own line may name that error:
      // it stops at the closed database too, which is expected.)
      expect(output).not.toMatch(/^Node\.js v\d+/m);
      expect(output).not.toContain('startJobEngine');
      // The last line of a shutdown that ran to the end.
      expect(output).toContain('Opsdesk stopped');
      expect(code).not.toBeNull();
    } finally {
      rmSync(firstStartDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('says which port is taken and exits 1, without a stack trace, when another process holds PORT or the emulator port', async () => {
    // What a second `npm start` beside a running one meets.
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const taken = (holder.address() as AddressInfo).port;
    try {
      for (const setting of ['STRIPE_EMULATOR_PORT', 'PORT']) {
        const { code, output } = await runToExit({ [setting]: String(taken) });
        expect(code).toBe(1);
        expect(output).toContain(`Port ${taken} is already in use (${setting}): is Opsdesk already running?`);
        expect(output).not.toContain('setupListenHandle');
        // The embedded PostgreSQL this start opened was stopped again, not left running.
        const refused = await new Promise<boolean>((resolve) => connect(Number(pgPort), '127.0.0.1').once('connect', () => resolve(false)).once('error', () => resolve(true)));
        expect(refused).toBe(true);
      }
    } finally {
      holder.close();
    }
  }, 120_000);
});
