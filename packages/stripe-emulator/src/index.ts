import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Engine, type BillingSettings, type DunningSettings } from './engine.js';
import { debouncedSaver, loadEngineState, saveEngineState } from './persistence.js';
import type { StripeObject } from './store.js';
import { registerCatalog } from './resources/catalog.js';
import { registerCreditNotes } from './resources/creditNotes.js';
import { registerCustomers } from './resources/customers.js';
import { closeDispute, openDispute, registerDisputes } from './resources/disputes.js';
import { registerEvents } from './resources/events.js';
import { registerInvoices } from './resources/invoices.js';
import { registerPaymentMethods } from './resources/paymentMethods.js';
import { registerPayments } from './resources/payments.js';
import { registerRefunds } from './resources/refunds.js';
import { registerSubscriptions } from './resources/subscriptions.js';
import { registerTestClocks } from './resources/testClocks.js';
import { registerWebhookEndpoints, storeEndpoint } from './resources/webhookEndpoints.js';
import { createApiServer, type ApiFaults, type ForcedFailure, type HttpState } from './server.js';
import type { DeliveryRecord, WebhookFaults } from './webhooks/delivery.js';
import { Router } from './wire/router.js';

export type { DeliveryRecord, StripeObject };
export { API_VERSION } from './events/eventBus.js';

export interface StripeEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  apiKey?: string;
  /** Emulator clock in unix seconds (objects not on a test clock). */
  now?: () => number;
  dunning?: Partial<DunningSettings>;
  /** Days before renewal to send invoice.upcoming; null disables it. Default 3. */
  upcomingInvoiceDays?: number | null;
  webhookFaults?: Partial<WebhookFaults>;
  /**
   * Keep the state in this JSON file: loaded on start when it exists, saved on stop and
   * shortly after changes (demo mode, where the mirror in PostgreSQL outlives restarts).
   */
  persistPath?: string;
}

export type EmulatorFaults = WebhookFaults & ApiFaults;

export interface StripeEmulator {
  url: string;
  port: number;
  host: string;
  apiKey: string;
  stop(): Promise<void>;
  addWebhookEndpoint(input: { url: string; secret?: string; enabledEvents?: string[] }): { id: string; secret: string };
  /** Mutable at any time: webhook delivery knobs and API failure knobs. */
  faults: EmulatorFaults;
  /** The next `n` API requests answer with this error (default 500 api_error) instead of running. */
  failNextRequests(n: number, opts?: Partial<ForcedFailure>): void;
  helpers: {
    openDispute(chargeId: string, reason?: string): StripeObject;
    closeDispute(disputeId: string, outcome: 'won' | 'lost'): StripeObject;
  };
  /** Every event emitted so far, oldest first. */
  readonly events: StripeObject[];
  /** Every webhook delivery attempt so far. */
  readonly deliveries: DeliveryRecord[];
  /** Resolves once no webhook delivery (or retry) is pending. */
  webhooksIdle(): Promise<void>;
  /** Dunning and renewal settings, mutable. */
  settings: BillingSettings;
}

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
  for (const register of [registerCustomers, registerCatalog, registerPaymentMethods, registerPayments, registerRefunds, registerDisputes, registerInvoices, registerCreditNotes, registerSubscriptions, registerEvents, registerTestClocks, registerWebhookEndpoints]) {
    register(api);
  }

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
        state.forcedFailures.push({ status: 500, type: 'api_error', message: 'An unknown error occurred (injected by the emulator).', shouldRetry: null, ...opts });
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
