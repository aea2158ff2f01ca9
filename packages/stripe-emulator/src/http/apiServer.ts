import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { newId } from '../ids.js';
import type { Engine } from '../engine.js';
import { includeField } from '../includables.js';
import { StripeApiError } from '../wire/errors.js';
import { applyExpand } from '../wire/expand.js';
import { parseForm, type FormObject } from '../wire/formParser.js';
import { IdempotencyStore, type StoredResponse } from '../wire/idempotency.js';
import { strArr } from '../wire/params.js';
import type { Router } from '../wire/router.js';
import { takeForcedFailure, type HttpState } from './faults.js';
import { authenticate, readBody, send } from './io.js';

function errorResponse(e: StripeApiError): StoredResponse {
  return { status: e.status, body: { error: e.body } };
}

/**
 * The HTTP front of the emulator: auth, injected faults, form parsing, routing,
 * idempotency, then `expand` on the way out. Handlers only see parsed params.
 */
export function createApiServer(engine: Engine, router: Router, state: HttpState): Server {
  const idempotency = new IdempotencyStore();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newId('req', 14);
    const baseHeaders: Record<string, string> = { 'request-id': requestId };
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);

    if (state.faults.apiLatencyMs > 0) await new Promise((r) => setTimeout(r, state.faults.apiLatencyMs));

    const auth = authenticate(req, state.apiKey);
    if ('error' in auth) return send(res, 401, auth, baseHeaders);
    const key = auth.key;

    // Injected failures happen before any work, so nothing is stored or mutated.
    const forced = takeForcedFailure(state, url.pathname);
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
