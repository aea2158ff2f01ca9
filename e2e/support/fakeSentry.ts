import { createServer, type IncomingHttpHeaders } from 'node:http';
import { freePort } from './freePort';

/**
 * A stand-in for Sentry's ingest endpoint: records every envelope POSTed to
 * /api/<project>/envelope/ with its headers, and lets a test wait for one by content.
 */
export interface ReceivedEnvelope {
  headers: IncomingHttpHeaders;
  body: string;
}

export async function startFakeSentry() {
  const received: ReceivedEnvelope[] = [];
  const waiters: { match: (envelope: ReceivedEnvelope) => boolean; resolve: (envelope: ReceivedEnvelope) => void }[] = [];
  const server = createServer((req, res) => {
    // The browser posts cross-origin; answer CORS so it does not log failures.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', '*');
    if (req.method !== 'POST' || !/^\/api\/\d+\/envelope\//.test(req.url ?? '')) {
      res.writeHead(req.method === 'OPTIONS' ? 204 : 404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const envelope = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(envelope);
      for (const waiter of waiters.filter((w) => w.match(envelope))) waiter.resolve(envelope);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    dsn: `http://publickey@127.0.0.1:${port}/1`,
    received,
    waitFor(match: (envelope: ReceivedEnvelope) => boolean): Promise<ReceivedEnvelope> {
      const already = received.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
