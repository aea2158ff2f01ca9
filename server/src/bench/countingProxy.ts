import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback proxy in front of the emulator's API that counts the calls a system under
 * test makes to "Stripe" (the webhook bench's re-fetches), by method and path prefix.
 */
export interface CountingProxy {
  url: string;
  /** Calls so far, e.g. `{ "GET /v1/subscriptions": 812 }`. */
  calls(): Record<string, number>;
  stop(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const calls: Record<string, number> = {};
  // Connections to the emulator are reused: a new one per call is the proxy's cost, not the system's.
  const agent = new Agent({ keepAlive: true });
  const server = createServer((req, res) => {
    const key = `${req.method} ${(req.url ?? '').split('?')[0]!.split('/').slice(0, 3).join('/')}`;
    calls[key] = (calls[key] ?? 0) + 1;
    const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'api_error', message: `bench proxy: ${error.message}` } }));
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: () => ({ ...calls }),
    stop: () => {
      server.closeAllConnections();
      agent.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
