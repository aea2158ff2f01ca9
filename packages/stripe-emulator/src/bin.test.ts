import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';

/** The emulator as a user runs it: its own process, started through the package's bin. */
const BIN = fileURLToPath(new URL('../bin/stripe-emulator.js', import.meta.url));
const running: ChildProcess[] = [];
const folders: string[] = [];

interface Started {
  child: ChildProcess;
  url: URL;
  output: () => string;
}

/** Spawns the bin and resolves once it has printed its startup report (the webhook lines come last). */
async function startBin(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let output = '';
  const url = await new Promise<URL>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match && /^Webhooks: .*$/m.test(output)) resolve(new URL(match[1]!));
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('close', (code) => reject(new Error(`emulator exited with ${code} before listening:\n${output}`)));
  });
  return { child, url, output: () => output };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'close');
  child.kill('SIGTERM');
  await exited;
}

function sdk(url: URL, key: string): Stripe {
  return new Stripe(key, { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0 });
}

afterEach(async () => {
  await Promise.all(running.splice(0).map(stop));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('stripe-emulator bin', () => {
  it('serves the official SDK from its own process: a customer created is listed back', async () => {
    const { url } = await startBin(['--port', '0', '--api-key', 'sk_test_bin_process']);
    const stripe = sdk(url, 'sk_test_bin_process');

    const created = await stripe.customers.create({ email: 'ada@example.test', name: 'Ada Lovelace' });
    const listed = await stripe.customers.list({ email: 'ada@example.test' });

    expect(created.id).toMatch(/^cus_/);
    expect(listed.data.map((c) => [c.id, c.name])).toEqual([[created.id, 'Ada Lovelace']]);
    await expect(sdk(url, 'sk_test_wrong_key_1234').customers.list()).rejects.toMatchObject({ statusCode: 401 });
  });

  it('keeps its state in the --data file across a restart and prints the webhook it signs for', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'stripe-emulator-bin-'));
    folders.push(folder);
    const dataFile = path.join(folder, 'state.json');
    const args = ['--port', '0', '--data', dataFile, '--webhook-url', 'http://127.0.0.1:9/webhooks', '--webhook-secret', 'whsec_bin_test'];

    const first = await startBin(args);
    expect(first.output()).toContain('Webhooks: http://127.0.0.1:9/webhooks');
    expect(first.output()).toContain('signing secret whsec_bin_test');
    const customer = await sdk(first.url, 'sk_test_opsdesk_emulator').customers.create({ name: 'Persisted Ltd' });
    await stop(first.child);

    const second = await startBin(args);
    const fetched = await sdk(second.url, 'sk_test_opsdesk_emulator').customers.retrieve(customer.id);
    expect(fetched).toMatchObject({ id: customer.id, name: 'Persisted Ltd' });
  });

  it('refuses a bad flag with the usage and exit code 2', async () => {
    const child = spawn(process.execPath, [BIN, '--port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'] });
    running.push(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const [code] = await once(child, 'close');
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be an integer');
    expect(stderr).toContain('Usage: stripe-emulator');
  });
});
