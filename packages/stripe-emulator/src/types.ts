import type { BillingSettings, DunningSettings } from './engine.js';
import type { ApiFaults, ForcedFailure } from './http/faults.js';
import type { StripeObject } from './store.js';
import type { DeliveryRecord, WebhookFaults } from './webhooks/delivery.js';

// The emulator's public surface: what `startStripeEmulator` takes and returns.

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
