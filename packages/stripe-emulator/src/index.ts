import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Engine, type BillingSettings } from './engine.js';
import { INJECTED_ERROR_MESSAGE, type HttpState } from './http/faults.js';
import { createApiServer } from './http/apiServer.js';
import { debouncedSaver, loadEngineState, saveEngineState } from './persistence.js';
import { closeDispute, openDispute } from './resources/disputes.js';
import { registerAllResources } from './resources/index.js';
import { storeEndpoint } from './resources/webhookEndpoints.js';
import type { EmulatorFaults, StripeEmulator, StripeEmulatorOptions } from './types.js';
import type { WebhookFaults } from './webhooks/delivery.js';
import { Router } from './wire/router.js';

export type { EmulatorFaults, StripeEmulator, StripeEmulatorOptions } from './types.js';
export type { StripeObject } from './store.js';
export type { DeliveryRecord } from './webhooks/delivery.js';
export { API_VERSION } from './events/eventBus.js';

/** Starts an emulator listening on `options.port` (a free one by default); `stop()` to end it. */
export async function startStripeEmulator(options: StripeEmulatorOptions = {}): Promise<StripeEmulator> {
  const host = options.host ?? '127.0.0.1';
  const apiKey = options.apiKey ?? 'sk_test_opsdesk_emulator';
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const settings: BillingSettings = {
    dunning: { retryDays: [3, 5, 7], onExhausted: 'cancel', markUncollectible: false, ...options.dunning },
    upcomingDays: options.upcomingInvoiceDays === undefined ? 3 : options.upcomingInvoiceDays,
    incompleteExpirySeconds: 23 * 3600,
  };
  const webhookFaults: WebhookFaults = { latencyMs: 0, duplicateRate: 0, outOfOrder: false, retryBaseDelayMs: 1000, maxAttempts: 8, ...options.webhookFaults };
  const engine = new Engine(now, settings, webhookFaults);
  const router = new Router();
  const api = { engine, router };
  registerAllResources(api);

  const saver = options.persistPath ? debouncedSaver(() => saveEngineState(engine, options.persistPath!), 2000) : null;
  if (options.persistPath) loadEngineState(engine, options.persistPath);

  // One object carries both knob families; delivery reads the same object.
  const faults = Object.assign(webhookFaults, { apiFailureRate: 0, apiLatencyMs: 0 }) as EmulatorFaults;
  const state: HttpState = { apiKey, faults, forcedFailures: [] };
  const server = createApiServer(engine, router, state);
  if (saver) {
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (req.method !== 'GET') res.once('finish', () => saver.changed());
    });
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  /** Helpers act outside a request, so they publish their events themselves. */
  const withFlush = <T>(fn: () => T): T => {
    try {
      return fn();
    } finally {
      engine.bus.flush();
      saver?.changed();
    }
  };

  return {
    url: `http://${host}:${port}`,
    port,
    host,
    apiKey,
    faults,
    settings,
    async stop() {
      engine.delivery.stop();
      saver?.flush(true);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    addWebhookEndpoint(input) {
      // After a restart from saved state the same URL is re-registered: update it in place
      // (new secret) rather than delivering every event twice.
      const existing = [...engine.delivery.endpoints.values()].find((e) => e.url === input.url);
      const cfg = engine.delivery.addEndpoint({ ...input, ...(existing ? { id: existing.id } : {}) });
      if (existing) engine.update(engine.store.require('webhook_endpoint', existing.id), null, (we) => (we.enabled_events = cfg.enabledEvents));
      else storeEndpoint(api, cfg.id, cfg.url, cfg.enabledEvents);
      saver?.changed();
      return { id: cfg.id, secret: cfg.secret };
    },
    failNextRequests(n, opts = {}) {
      for (let i = 0; i < n; i++) {
        state.forcedFailures.push({ status: 500, type: 'api_error', message: INJECTED_ERROR_MESSAGE, shouldRetry: null, ...opts });
      }
    },
    helpers: {
      openDispute: (chargeId, reason) => withFlush(() => structuredClone(openDispute(engine, chargeId, reason))),
      closeDispute: (disputeId, outcome) => withFlush(() => structuredClone(closeDispute(engine, engine.store.require('dispute', disputeId), outcome))),
    },
    get events() {
      return engine.store.list('event').reverse();
    },
    get deliveries() {
      return engine.delivery.log;
    },
    webhooksIdle: () => engine.delivery.idle(),
  };
}
