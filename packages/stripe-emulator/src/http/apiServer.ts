import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { newId } from './ids.js';
import type { Engine } from './engine.js';
import { includeField } from './includables.js';
import { StripeApiError, type StripeErrorBody } from './wire/errors.js';
import { applyExpand } from './wire/expand.js';
import { parseForm, type FormObject } from './wire/formParser.js';
import { IdempotencyStore, type StoredResponse } from './wire/idempotency.js';
import { strArr } from './wire/params.js';
import type { Router } from './wire/router.js';
import { API_VERSION } from './events/eventBus.js';

/** Knobs that make the API itself misbehave, to prove clients fail cleanly. */
export interface ApiFaults {
  /** Probability (0..1) that any request answers with a 500 api_error. */
  apiFailureRate: number;
  /** Extra latency added to every API request. */
  apiLatencyMs: number;
}

export interface ForcedFailure {
  status: number;
  type: StripeErrorBody['type'];
  message: string;
  shouldRetry: boolean | null;
  /** Only fail requests whose path starts with this (e.g. '/v1/refunds'); any request when unset. */
  path?: string;
}

export interface HttpState {
  apiKey: string;
  faults: ApiFaults;
  forcedFailures: ForcedFailure[];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'stripe-version': API_VERSION,
    ...headers,
  });
  res.end(text);
}

function errorResponse(e: StripeApiError): StoredResponse {
  return { status: e.status, body: { error: e.body } };
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

export function createApiServer(engine: Engine, router: Router, state: HttpState): Server {
  const idempotency = new IdempotencyStore();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newId('req', 14);
    const baseHeaders: Record<string, string> = { 'request-id': requestId };
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);

    if (state.faults.apiLatencyMs > 0) await new Promise((r) => setTimeout(r, state.faults.apiLatencyMs));

    const key = extractKey(req);
    if (!key) {
      return send(res, 401, { error: { type: 'invalid_request_error', message: 'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\').' } }, baseHeaders);
    }
    if (key !== state.apiKey) {
      return send(res, 401, { error: { type: 'invalid_request_error', message: `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}` } }, baseHeaders);
    }

    // Injected failures happen before any work, so nothing is stored or mutated.
    const forcedIndex = state.forcedFailures.findIndex((f) => !f.path || url.pathname.startsWith(f.path));
    const forced = (forcedIndex >= 0 ? state.forcedFailures.splice(forcedIndex, 1)[0] : undefined) ?? (Math.random() < state.faults.apiFailureRate ? { status: 500, type: 'api_error' as const, message: 'An unknown error occurred (injected by the emulator).', shouldRetry: null } : undefined);
    if (forced) {
      return send(res, forced.status, { error: { type: forced.type, message: forced.message } }, {
        ...baseHeaders,
        ...(forced.shouldRetry === null ? {} : { 'stripe-should-retry': String(forced.shouldRetry) }),
      });
    }

    const params: FormObject = { ...parseForm(url.search.slice(1)), ...(method === 'POST' ? parseForm(raw) : {}) };
    const match = router.match(method, url.pathname);
    if (!match) {
      return send(res, 404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.` } }, baseHeaders);
    }
    const idemKey = method === 'POST' ? ((req.headers['idempotency-key'] as string | undefined) ?? null) : null;

    const execute = async (): Promise<StoredResponse> => {
      engine.bus.request = { id: requestId, idempotency_key: idemKey };
      try {
        const result = match.handler({ method, path: match.path, params, url: url.pathname, requestId, idempotencyKey: idemKey });
        // Cloned now: stored objects keep changing, a replay must answer what was answered.
        return { status: 200, body: structuredClone(result) };
      } catch (e) {
        if (e instanceof StripeApiError) return errorResponse(e);
        throw e;
      } finally {
        engine.bus.request = null;
        engine.bus.flush();
      }
    };

    let response: StoredResponse & { replayed?: boolean };
    try {
      response = idemKey ? await idempotency.run(key, idemKey, { method, path: url.pathname, params }, execute) : await execute();
    } catch (e) {
      if (e instanceof StripeApiError) response = errorResponse(e);
      else {
        const message = e instanceof Error ? e.message : String(e);
        response = { status: 500, body: { error: { type: 'api_error', message: `Emulator internal error: ${message}` } } };
      }
    }

    // Expansion happens on a copy at response time, so replays and stored objects stay raw.
    let body = response.body;
    const expand = strArr(params, 'expand');
    if (response.status === 200 && expand?.length) {
      body = structuredClone(body);
      try {
        applyExpand(body, expand, {
          resolve: (id) => engine.store.findById(id),
          include: (parent, field) => includeField(engine, parent, field),
        });
      } catch (e) {
        if (e instanceof StripeApiError) return send(res, e.status, { error: e.body }, baseHeaders);
        throw e;
      }
    }
    send(res, response.status, body, {
      ...baseHeaders,
      ...(idemKey ? { 'idempotency-key': idemKey } : {}),
      ...(response.replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
  }

  return createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, { error: { type: 'api_error', message: e instanceof Error ? e.message : String(e) } });
      else res.end();
    });
  });
}
