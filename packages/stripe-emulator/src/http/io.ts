import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_VERSION } from '../events/eventBus.js';

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Pretty-printed JSON with the headers Stripe sends on every response. */
export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'stripe-version': API_VERSION,
    ...headers,
  });
  res.end(text);
}

/** Bearer (what the SDK sends) or HTTP basic with the key as user name (curl -u). */
function extractKey(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (!auth) return null;
  const [scheme, value] = auth.split(' ', 2);
  if (scheme?.toLowerCase() === 'bearer') return value ?? null;
  if (scheme?.toLowerCase() === 'basic' && value) return Buffer.from(value, 'base64').toString('utf8').split(':')[0] ?? null;
  return null;
}

/** The caller's key, or the 401 body Stripe answers when it is missing or wrong. */
export function authenticate(req: IncomingMessage, apiKey: string): { key: string } | { error: { type: 'invalid_request_error'; message: string } } {
  const key = extractKey(req);
  if (!key) {
    return { error: { type: 'invalid_request_error', message: 'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\').' } };
  }
  if (key !== apiKey) {
    return { error: { type: 'invalid_request_error', message: `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}` } };
  }
  return { key };
}
