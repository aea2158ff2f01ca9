import { randomBytes } from 'node:crypto';
import type { BenchData } from './benchData.js';
import { searchTermsFor } from './searchTerms.js';
import type { createWebhookEvents } from './webhookEvents.js';

/**
 * The requests of the capacity bench, as a person or a system sends them over HTTP:
 * tRPC queries are GETs with `?input=<json>`, mutations POST JSON with the CSRF header,
 * Stripe posts signed raw JSON. Each source hands out one request at a time with its
 * kind, so the load runner can report latency per kind.
 */
export interface BenchRequest {
  kind: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export type TrafficSource = () => BenchRequest;

const CSRF = { 'x-opsdesk-csrf': '1' };
const JSON_POST = { ...CSRF, 'content-type': 'application/json' };
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

export function trpcQueryPath(procedure: string, input: unknown): string {
  return `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
}

/**
 * Support at work while billing runs: lookups 50 %, customer pages 30 % (the page asks
 * for customers.get and customers.timeline; half of the pages are paying customers, who
 * write in most), Stripe webhooks 20 %.
 */
export function signedInMix(input: { cookie: string; data: BenchData; webhooks: ReturnType<typeof createWebhookEvents> }): TrafficSource {
  const terms = searchTermsFor(input.data.customers, input.data.stripeCustomers.map((c) => c.id));
  const anyone = input.data.customers.map((c) => c.userId);
  const paying = input.data.payingUserIds.length ? input.data.payingUserIds : anyone;
  const signedIn = { cookie: input.cookie };
  return () => {
    const roll = Math.random();
    if (roll < 0.5) return { kind: 'lookup', method: 'GET', path: trpcQueryPath('lookup.search', { q: pick(terms) }), headers: signedIn };
    if (roll < 0.8) {
      const userId = pick(Math.random() < 0.5 ? paying : anyone);
      const procedure = Math.random() < 0.5 ? 'customers.get' : 'customers.timeline';
      return { kind: 'customer page', method: 'GET', path: trpcQueryPath(procedure, { userId }), headers: signedIn };
    }
    const { body, signature } = input.webhooks.next();
    return { kind: 'webhook', method: 'POST', path: '/webhooks/stripe', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body };
  };
}

/**
 * Credential stuffing from many addresses: wrong passwords for real staff emails,
 * customers' emails and made-up ones. The client address is set with X-Forwarded-For
 * (the bench's server trusts loopback proxies), drawn from 198.18.0.0/15, the range
 * reserved for benchmarks: nothing is ever sent there.
 */
export function failedSignIns(data: BenchData, staffEmails: readonly string[]): TrafficSource {
  return () => ({ kind: 'failed sign-in', method: 'POST', path: '/trpc/auth.login', headers: { ...JSON_POST, 'x-forwarded-for': benchmarkAddress() }, body: JSON.stringify(wrongLogin(data, staffEmails)) });
}

/** One tRPC batch carrying `size` sign-ins (`/trpc/auth.login,auth.login,…?batch=1`). */
export function batchedSignIns(data: BenchData, staffEmails: readonly string[], size: number): TrafficSource {
  const path = `/trpc/${Array.from({ length: size }, () => 'auth.login').join(',')}?batch=1`;
  return () => {
    const calls = Object.fromEntries(Array.from({ length: size }, (_, i) => [String(i), wrongLogin(data, staffEmails)]));
    return { kind: 'batched sign-in', method: 'POST', path, headers: { ...JSON_POST, 'x-forwarded-for': benchmarkAddress() }, body: JSON.stringify(calls) };
  };
}

function wrongLogin(data: BenchData, staffEmails: readonly string[]) {
  const roll = Math.random();
  const email = roll < 0.25 ? pick(staffEmails) : roll < 0.5 ? pick(data.customers).email : `${randomBytes(4).toString('hex')}@${pick(['gmail.com', 'example.org', 'opsdesk.test'])}`;
  return { email, password: randomBytes(9).toString('base64url') };
}

function benchmarkAddress(): string {
  return `198.${18 + Math.floor(Math.random() * 2)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
}
