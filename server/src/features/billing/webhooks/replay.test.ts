import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCompany } from '../../demo/seedDemoCompany.js';
import { createApp } from '../../../http/createApp.js';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/testDatabase.js';
import { inboxWorkersIdle } from './inboxWorker.js';
import { snapshotMirror } from './mirrorSnapshot.js';
import { MIRRORED_EVENT_TYPES } from './processEvent.js';

/** A second Opsdesk on its own database, sharing the first one's Stripe (the emulator). */
async function startMirror(source: TestApp, secret: string) {
  const database: TestDatabase = await createTestDatabase();
  const server: Server = createApp({ ...source.deps, db: database.db, stripeWebhookSecret: secret }, { webDistDir: '/nonexistent' }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    database,
    url,
    async post(payload: string, signature: string) {
      const response = await fetch(`${url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload });
      return response.status;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await database.drop();
    },
  };
}

/** Deterministic shuffle (mulberry32), so a failure can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

describe('the mirror under duplicated, shuffled, forged and failing deliveries', () => {
  let source: TestApp;
  let events: Stripe.Event[];
  const secret = 'whsec_replay_test_secret_0123456789';

  beforeAll(async () => {
    source = await createTestApp();
    await source.listen();
    await seedDemoCompany({ db: source.db, stripe: source.deps.stripe, emulator: source.billing.emulator!, users: 300, months: 12, seed: 7 });
    events = source.billing.emulator!.events as unknown as Stripe.Event[];
  }, 240_000);
  afterAll(() => source.close());

  const sign = (payload: string, withSecret = secret) => source.deps.stripe.webhooks.generateTestHeaderString({ payload, secret: withSecret });

  it('three shuffled copies of every event, with forgeries mixed in, build the same mirror as one in-order delivery', async () => {
    expect(events.length).toBeGreaterThan(500);
    const inOrder = await startMirror(source, secret);
    const shuffledCopies = await startMirror(source, secret);
    try {
      for (const event of events) {
        const payload = JSON.stringify(event);
        expect(await inOrder.post(payload, sign(payload))).toBe(200);
      }

      const deliveries = shuffled([...events, ...events, ...events], 2024).map((event) => ({ payload: JSON.stringify(event), forged: false }));
      const forgeries = events.slice(0, 50).map((event, i) => {
        const tampered = JSON.stringify({ ...event, id: `evt_forged_${i}`, data: { object: { ...(event.data.object as object), email: 'attacker@example.test' } } });
        return { payload: tampered, forged: true };
      });
      const all = shuffled([...deliveries, ...forgeries], 99);
      const statuses = { forgedRejected: 0, accepted: 0 };
      for (let i = 0; i < all.length; i += 8) {
        await Promise.all(
          all.slice(i, i + 8).map(async ({ payload, forged }) => {
            const status = await shuffledCopies.post(payload, forged ? sign(payload, 'whsec_attacker') : sign(payload));
            if (forged) {
              expect(status).toBe(400);
              statuses.forgedRejected += 1;
            } else {
              expect(status).toBe(200);
              statuses.accepted += 1;
            }
          }),
        );
      }
      expect(statuses).toEqual({ forgedRejected: 50, accepted: events.length * 3 });
      await inboxWorkersIdle();

      const ledger = await shuffledCopies.database.db.selectFrom('ops.stripeEvents').select(['id', 'status', 'attempts']).execute();
      expect(ledger).toHaveLength(events.length);
      expect(new Set(ledger.map((e) => e.id))).toEqual(new Set(events.map((e) => e.id)));
      expect(ledger.every((e) => e.status !== 'failed' && e.attempts === 1)).toBe(true);

      const expected = await snapshotMirror(inOrder.database.db);
      expect(expected['billing.subscription_history']!.length).toBeGreaterThan(50);
      expect(await snapshotMirror(shuffledCopies.database.db)).toEqual(expected);
    } finally {
      await inOrder.close();
      await shuffledCopies.close();
    }
  }, 240_000);

  it('completes the mirror when deliveries fail with 500s and dropped connections, through the emulator’s retries', async () => {
    const faultyApp = await createTestApp();
    const opsdesk = await faultyApp.listen({ connectWebhooks: false });
    // A faulty network in front of Opsdesk: every third request answered 500, every
    // fifth connection cut before an answer; everything else forwarded untouched.
    let seen = 0;
    const faulty = createServer((req: IncomingMessage, res) => {
      seen += 1;
      if (seen % 5 === 0) return void req.socket.destroy();
      if (seen % 3 === 0) return void res.writeHead(500).end('injected');
      const upstream = httpRequest(`${opsdesk}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => faulty.once('listening', resolve));
    const emulator = faultyApp.billing.emulator!;
    Object.assign(emulator.faults, { retryBaseDelayMs: 5, maxAttempts: 12 });
    faultyApp.billing.connectWebhooks(`http://127.0.0.1:${(faulty.address() as AddressInfo).port}`);
    try {
      await seedDemoCompany({ db: faultyApp.db, stripe: faultyApp.deps.stripe, emulator, users: 150, months: 6, seed: 11 });
      // The endpoint is subscribed to the mirrored types only, as production's should be.
      const emitted = (emulator.events as unknown as Stripe.Event[]).filter((e) => (MIRRORED_EVENT_TYPES as readonly string[]).includes(e.type));
      expect(seen).toBeGreaterThan(emitted.length);

      const reference = await startMirror(faultyApp, secret);
      try {
        for (const event of emitted) {
          const payload = JSON.stringify(event);
          expect(await reference.post(payload, sign(payload))).toBe(200);
        }
        await inboxWorkersIdle();
        const ledger = await faultyApp.db.selectFrom('ops.stripeEvents').select(['id', 'status']).execute();
        expect(ledger).toHaveLength(emitted.length);
        expect(ledger.every((e) => e.status !== 'failed')).toBe(true);
        expect(await snapshotMirror(faultyApp.db)).toEqual(await snapshotMirror(reference.database.db));
      } finally {
        await reference.close();
      }
    } finally {
      faulty.closeAllConnections();
      await new Promise((resolve) => faulty.close(resolve));
      await faultyApp.close();
    }
  }, 240_000);
});
