import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Engine, PaymentMethodBehaviour, SubscriptionInternal } from './engine.js';
import type { WebhookEndpointConfig } from './webhooks/delivery.js';

/**
 * Optional persistence of the emulator's state to one JSON file (demo mode): the mirror
 * in PostgreSQL outlives a restart, so the Stripe it mirrors must too. Saved on stop and
 * shortly after changes; loaded on start. Not saved: idempotency keys and webhook
 * deliveries still pending at the time (Stripe would retry them; a restarted demo
 * does not).
 */
const FORMAT_VERSION = 1;

interface Snapshot {
  version: number;
  savedAt: string;
  store: ReturnType<Engine['store']['dump']>;
  subscriptions: Array<[string, SubscriptionInternal]>;
  cards: Array<[string, PaymentMethodBehaviour]>;
  deletedCustomers: string[];
  invoiceCounter: number;
  endpoints: WebhookEndpointConfig[];
}

export function loadEngineState(engine: Engine, file: string): boolean {
  if (!existsSync(file)) return false;
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  if (snapshot.version !== FORMAT_VERSION) throw new Error(`${file}: emulator state format ${snapshot.version}, expected ${FORMAT_VERSION}; delete the file to start afresh`);
  engine.store.load(snapshot.store);
  for (const [id, state] of snapshot.subscriptions) engine.subInternal.set(id, state);
  for (const [id, card] of snapshot.cards) engine.cardBehaviour.set(id, card);
  for (const id of snapshot.deletedCustomers) engine.deletedCustomers.add(id);
  engine.invoiceCounter = snapshot.invoiceCounter;
  for (const endpoint of snapshot.endpoints) engine.delivery.addEndpoint(endpoint);
  return true;
}

export function saveEngineState(engine: Engine, file: string): void {
  const snapshot: Snapshot = {
    version: FORMAT_VERSION,
    savedAt: new Date().toISOString(),
    store: engine.store.dump(),
    subscriptions: [...engine.subInternal],
    cards: [...engine.cardBehaviour],
    deletedCustomers: [...engine.deletedCustomers],
    invoiceCounter: engine.invoiceCounter,
    endpoints: [...engine.delivery.endpoints.values()],
  };
  mkdirSync(path.dirname(file), { recursive: true });
  // Write then rename: a crash mid-write leaves the previous state, never half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(snapshot));
  renameSync(temporary, file);
}

/** Saves once changes have been quiet for `delayMs`, so a burst of requests costs one write. */
export function debouncedSaver(save: () => void, delayMs: number) {
  let timer: NodeJS.Timeout | null = null;
  return {
    changed(): void {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        save();
      }, delayMs);
      timer.unref();
    },
    /** Saves now if a save is pending (or always, with `force`). */
    flush(force = false): void {
      const pending = timer !== null;
      if (timer) clearTimeout(timer);
      timer = null;
      if (pending || force) save();
    },
  };
}
