import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server standing in for Opsdesk's `GET /api/client/features`: it answers the
 * ruleset with an ETag, honours `If-None-Match` with 304, checks the API key, counts
 * requests, and can be told to answer garbage or errors, or be stopped and restarted on
 * its port (Opsdesk going away and coming back).
 */
export type ServerMode = 'ok' | 'not-json' | 'invalid-ruleset' | 'http-500';

export interface RulesetServer {
  url: string;
  apiKey: string;
  /** Requests received, and how many were answered 200 / 304. */
  counts: { requests: number; full: number; notModified: number };
  lastRequest: IncomingMessage | null;
  setRuleset(document: unknown): void;
  setMode(mode: ServerMode): void;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export async function startRulesetServer(document: unknown, apiKey = 'env-key-1'): Promise<RulesetServer> {
  let body = JSON.stringify(document);
  let revision = 1;
  let mode: ServerMode = 'ok';
  let port = 0;
  let server: Server;
  const state: RulesetServer = {
    url: '',
    apiKey,
    counts: { requests: 0, full: 0, notModified: 0 },
    lastRequest: null,
    setRuleset(next) {
      body = JSON.stringify(next);
      revision += 1;
    },
    setMode(next) {
      mode = next;
    },
    stop: () => new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    }),
    restart: () => listen(),
  };

  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((req, res) => {
        state.counts.requests += 1;
        state.lastRequest = req;
        if (req.url !== '/api/client/features') return void res.writeHead(404).end();
        if (req.headers.authorization !== apiKey) return void res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":"unauthorized"}');
        if (mode === 'http-500') return void res.writeHead(500).end('upstream exploded');
        if (mode === 'not-json') return void res.writeHead(200, { 'Content-Type': 'application/json', ETag: '"garbage"' }).end('<html>proxy error</html>');
        if (mode === 'invalid-ruleset') {
          return void res.writeHead(200, { 'Content-Type': 'application/json', ETag: '"invalid"' }).end(JSON.stringify({ version: 2, features: [{ name: 'x', enabled: 'yes' }] }));
        }
        const etag = `"rev-${revision}"`;
        if (req.headers['if-none-match'] === etag) {
          state.counts.notModified += 1;
          return void res.writeHead(304, { ETag: etag }).end();
        }
        state.counts.full += 1;
        res.writeHead(200, { 'Content-Type': 'application/json', ETag: etag }).end(body);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as AddressInfo).port;
        state.url = `http://127.0.0.1:${port}`;
        resolve();
      });
    });

  await listen();
  return state;
}
