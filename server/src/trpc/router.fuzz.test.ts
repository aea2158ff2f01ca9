import fc from 'fast-check';
import { isAllowed, ROLES, type Role } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../features/audit/audit.verify.js';
import { createCustomer, prepareCustomerTests } from '../features/customers/testing/customerFixtures.js';
import { BODY_MAX_DEPTH, classicBreakers, DeepValue, hostileCursor, hostileKey, hostileValue, QUERY_MAX_DEPTH, toJsonText } from '../testing/hostileValues.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../testing/testApp.js';
import { installJobEngine } from '../features/jobs/jobEngine.js';
import { appRouter } from './appRouter.js';
import { listProcedures, type ProcedureInfo } from './procedureCatalog.js';

/**
 * Property-based fuzzing over real HTTP: every procedure of the router's own catalog,
 * as every role and anonymously, gets generated hostile inputs (wrong types, huge and
 * control-character strings, NUL, lone surrogates, 5,000-deep nesting, extreme numbers,
 * unknown keys, malformed cursors and dates), both as the whole input and as one bad
 * field in an otherwise valid input. One allowed caller first tries the classic breakers
 * (NUL, lone surrogate, deep nesting…) in every field, then all callers get random runs.
 * Nothing may answer 5xx or show PostgreSQL's text; afterwards the server is still
 * ready and the audit chain is intact.
 *
 * Bounded in time: FUZZ_BUDGET_MS (default 70 s) is shared out over the procedures;
 * FUZZ_SEED replays a run (the seed is printed).
 */
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 70_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS_ALLOWED = 200;
const RUNS_REFUSED = 3;

/** Phrases of PostgreSQL's own error messages: none may reach a client. */
const POSTGRES_TEXT = [
  /invalid input syntax/i,
  /unsupported Unicode escape sequence/i,
  /invalid byte sequence/i,
  /null character not permitted/i,
  /stack depth limit exceeded/i,
  /date\/time field value out of range/i,
  /is out of range for type/i,
  /value too long for type/i,
  /violates (unique|foreign key|check|not-null)/i,
  /duplicate key value/i,
  /syntax error at or near/i,
  /(relation|column|function|type|operator) "?[^"\s]*"? does not exist/i,
  /Unicode (low|high) surrogate/i,
  /character with byte sequence/i,
  /canceling statement/i,
  /timeout exceeded when trying to connect/i,
  /SQLSTATE/i,
];

const procedures = listProcedures();
const callers: (Role | 'anonymous')[] = ['anonymous', ...ROLES];

interface Failure {
  path: string;
  caller: string;
  status: number;
  body: string;
  input: string;
}

describe('fuzzing every procedure with hostile input over HTTP', () => {
  let app: TestApp;
  let url: string;
  const staffIds = new Map<Role, string>();
  const bases = new Map<string, Record<string, unknown>>();
  const statuses = new Map<number, number>();
  let calls = 0;
  let startedAt = 0;

  beforeAll(async () => {
    // The staffApi rate limit (features/rateLimits/) would answer most calls 429 before they reach a procedure.
    app = await createTestApp({ RATE_LIMIT_STAFF_API: '1000000/60' });
    url = await app.listen();
    const catalog = await prepareCustomerTests(app);
    for (const role of ROLES) staffIds.set(role, (await app.createStaff([role])).id);
    const victim = await app.createStaff(['support']);
    const customer = await createCustomer(app, { price: catalog.pro });
    const charge = await app.db.selectFrom('billing.charges').select('id').where('customerId', '=', customer.stripeCustomerId!).executeTakeFirstOrThrow();
    const { api } = await app.callerAs(['support', 'finance', 'moderator']);
    const note = await api.customers.addNote({ userId: customer.userId, body: 'fuzz base note' });
    const filter = await api.lookup.saveFilter({ name: 'fuzz base filter', filter: { status: 'active' }, shared: true });
    // A fraudulent refund waits for a second person: the base for approve / reject.
    const held = await api.customers.refund({ chargeId: charge.id, stripeReason: 'fraudulent', reason: 'fuzz base refund' });
    const pendingId = held.requestId;
    // Jobs are queued in graphile-worker's schema (installed by the engine; none runs here).
    // A reconciliation is a job too (revenue.reconcile), so install before starting one.
    await installJobEngine(app.db, app.database.url);
    const reconciliation = (await api.revenue.reconciliation.start({ day: '2025-01-01' })).run.id;
    const job = (await (await app.callerAs(['oncall'])).api.jobs.startSelfCheck({ steps: 1, stepMs: 0 })).id;
    const privacyRequest = (await (await app.callerAs(['privacy'])).api.privacy.create({ kind: 'access', subject: { kind: 'email', value: customer.email }, channel: 'email' })).id;

    const ids = { userId: customer.userId, subscriptionId: customer.subscriptionId!, stripeCustomerId: customer.stripeCustomerId!, chargeId: charge.id };
    const action = { reason: 'fuzz: testing hostile input', confirmation: customer.email };
    const table: Record<string, Record<string, unknown>> = {
      'auth.login': { email: (await app.db.selectFrom('ops.staff').select('email').where('id', '=', victim.id).executeTakeFirstOrThrow()).email, password: TEST_PASSWORD },
      'account.changePassword': { currentPassword: TEST_PASSWORD, newPassword: 'a brand new long password' },
      'account.confirmTotpEnrollment': { enrollmentToken: 'e30.c2lnbmF0dXJl', code: '123456' },
      'account.replaceTotp': { enrollmentToken: 'e30.c2lnbmF0dXJl', code: '123456', currentPassword: TEST_PASSWORD, currentCode: '123456' },
      'account.disableTotp': { password: TEST_PASSWORD },
      'staff.find': { q: 'fuzz', status: 'active', role: 'support' },
      'staff.get': { id: victim.id },
      'staff.create': { email: 'fuzz-created@example.test', name: 'Fuzz Created', roles: ['support'], password: 'a long enough password' },
      'staff.update': { id: victim.id, name: 'Fuzz Victim', roles: ['support'] },
      'staff.disable': { id: victim.id, reason: 'fuzz reason' },
      'staff.enable': { id: victim.id, reason: 'fuzz reason' },
      'staff.resetPassword': { id: victim.id, password: 'a long enough password' },
      'staff.resetTotp': { id: victim.id, reason: 'fuzz reason' },
      'audit.find': { q: 'fuzz', actor: 'support', action: 'customer', targetType: 'customer', targetId: customer.userId, result: 'success', from: '2020-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z', limit: 5 },
      'audit.get': { id: '1' },
      'security.update': { totpRequiredRoles: [] },
      'customers.prices': { currency: 'usd' },
      'customers.get': { userId: customer.userId },
      'customers.timeline': { userId: customer.userId, limit: 5 },
      'customers.addNote': { userId: customer.userId, body: 'a note' },
      'customers.editNote': { id: note.id, body: 'an edited note' },
      'customers.pinNote': { id: note.id, pinned: true },
      'lookup.search': { q: customer.email, limit: 5 },
      'lookup.list': { filter: { status: 'active', plan: 'pro', country: 'DE', signupFrom: '2020-01-01T00:00:00Z', hasFailedPayment: false, mrrMin: 0 }, sort: 'signup_desc', limit: 5 },
      'lookup.saveFilter': { name: 'fuzz filter', filter: { status: 'active' }, shared: false },
      'lookup.deleteFilter': { id: filter.id },
      'approvals.find': { scope: 'all', status: 'pending_approval', limit: 5 },
      'approvals.get': { id: pendingId },
      'approvals.approve': { id: pendingId, comment: 'fuzz approval' },
      'approvals.reject': { id: pendingId, comment: 'fuzz rejection' },
      'revenue.reconciliation.start': { day: '2025-01-01' },
      'revenue.reconciliation.get': { runId: reconciliation },
      'revenue.reconciliation.differences': { runId: reconciliation, limit: 5 },
      'revenue.reconciliation.list': { limit: 5 },
      'revenue.comparePolicies': { a: 'stripe', b: 'baremetrics', day: '2025-03-10', filter: { plan: 'Pro', billingInterval: 'month', country: 'DE' }, limit: 5 },
      'revenue.overview': { policy: 'stripe', to: '2025-06-30', filter: { plan: 'Pro' } },
      'revenue.series': { policy: 'stripe', from: '2025-01-01', to: '2025-06-30', interval: 'month', filter: { billingInterval: 'month', country: 'DE' } },
      'revenue.cohorts': { policy: 'chartmogul', from: '2025-01-01', to: '2025-06-30' },
      'revenue.planMix': { policy: 'profitwell', from: '2025-01-01', to: '2025-06-30' },
      // Runbooks: a read-only plan, and a run whose plan hash is stale (refused before anything runs).
      'runbooks.plan': { action: 'health.check', params: {} },
      'runbooks.run': { action: 'connections.terminate', params: { idleLongerThanSeconds: 86_400 }, planHash: '0'.repeat(64), confirmed: true, reason: 'fuzz: testing hostile input' },
      'runbooks.runs': { action: 'connections.terminate', active: false, limit: 5 },
      'runbooks.getRun': { id: '00000000-0000-4000-8000-000000000001' },
      'runbooks.runLog': { id: '00000000-0000-4000-8000-000000000001', afterSeq: 0, limit: 5 },
      'runbooks.changes': { status: 'active', limit: 5 },
      'runbooks.revertNow': { id: '00000000-0000-4000-8000-000000000001', reason: 'fuzz reason' },
      'moderation.queue': { reasonGroup: 'spam', status: 'open', search: 'fuzz', limit: 5 },
      'moderation.item': { entryId: '1' },
      'moderation.next': { reasonGroup: 'spam' },
      'moderation.renew': { entryId: '1' },
      'moderation.release': { entryId: '1' },
      'moderation.addNote': { entryId: '1', body: 'a note' },
      'moderation.decide': { entryId: '1', reasonCode: 'spam', reason: 'fuzz reason' },
      'moderation.appeals.list': { status: 'open', forMe: true, limit: 5 },
      'moderation.appeals.get': { appealId: '00000000-0000-4000-8000-000000000001' },
      'moderation.appeals.open': { decisionId: '00000000-0000-4000-8000-000000000001', appellantUserId: customer.userId, channel: 'product', statement: 'fuzz statement', reason: 'fuzz reason' },
      'moderation.appeals.decide': { appealId: '00000000-0000-4000-8000-000000000001', outcome: 'reversed', reason: 'fuzz reason' },
      'moderation.bulk.estimate': { filter: { reasonGroup: 'spam', bucket: 'low', reportReason: 'spam', search: 'fuzz' } },
      'moderation.bulk.start': { selection: { kind: 'filter', filter: { reasonGroup: 'spam' }, estimate: 5 }, reasonCode: 'spam', reason: 'fuzz reason' },
      'moderation.bulk.get': { runId: '1', itemStatus: 'skipped', limit: 5 },
      'moderation.bulk.list': { limit: 5 },
      'moderation.bulk.cancel': { runId: '1' },
      'moderation.rules.list': { includeDisabled: false },
      'moderation.rules.get': { id: '1' },
      'moderation.rules.create': { name: 'fuzz rule', conditions: { keywords: ['fuzz'], regexes: ['f(u)+zz'] }, action: 'label', reasonCode: 'spam', mode: 'shadow', reason: 'fuzz reason' },
      'moderation.rules.update': { id: '1', revision: 1, conditions: { reports: { windowHours: 24, minCount: 3 } }, reason: 'fuzz reason' },
      'moderation.rules.setMode': { id: '1', mode: 'live', reason: 'fuzz reason' },
      'moderation.rules.dryRun': { conditions: { keywords: ['fuzz'] }, days: 1, limit: 5 },
      'moderation.rules.hits': { id: '1', mode: 'shadow', limit: 5 },
      'signals.query': { service: 'opsdesk', range: '1h' },
      'revenue.trialConversion': { policy: 'stripe', from: '2025-01-01', to: '2025-06-30' },
      'revenue.paymentRecovery': { policy: 'baremetrics', from: '2025-01-01', to: '2025-06-30' },
      'revenue.drillDown': { policy: 'stripe', from: '2025-01-01', to: '2025-06-30', kind: 'churn', limit: 5 },
      'revenue.explain': { movementId: '1' },
      'jobs.list': { status: 'queued', kind: 'jobs.selfCheck', startedBy: 'system', limit: 5 },
      'jobs.get': { id: job },
      'jobs.log': { id: job, afterSeq: 0, limit: 5 },
      'jobs.cancel': { id: job },
      'jobs.startSelfCheck': { steps: 1, stepMs: 0, resumable: true },
      'privacy.list': { status: 'received', kind: 'access', view: 'due_this_week', customerId: ids.stripeCustomerId, userId: ids.userId, limit: 5 },
      'privacy.get': { requestId: privacyRequest },
      'privacy.create': { kind: 'erasure', subject: { kind: 'email', value: 'fuzz-subject@example.test' }, channel: 'web_form', receivedAt: '2025-01-31T10:00:00Z', note: 'fuzz note' },
      'privacy.verifyIdentity': { requestId: privacyRequest, method: 'email_confirmation', note: 'fuzz note' },
      'privacy.extend': { requestId: privacyRequest, months: 1, reason: 'fuzz reason' },
      'privacy.hold': { requestId: privacyRequest, reason: 'fuzz reason' },
      'privacy.liftHold': { requestId: privacyRequest, reason: 'fuzz reason' },
      'privacy.reject': { requestId: privacyRequest, reason: 'fuzz reason' },
    };
    const actions: Record<string, Record<string, unknown>> = {
      Refund: { chargeId: ids.chargeId, amount: 100, stripeReason: 'requested_by_customer', repeat: 0 },
      Suspend: { userId: ids.userId, days: 1, cancelSubscriptions: false },
      Ban: { userId: ids.userId, cancelSubscriptions: false },
      Unban: { userId: ids.userId },
      ChangePlan: { subscriptionId: ids.subscriptionId, priceId: catalog.business, quantity: 1 },
      Cancel: { subscriptionId: ids.subscriptionId, when: 'period_end', prorate: false },
      UndoCancel: { subscriptionId: ids.subscriptionId },
      ExtendTrial: { subscriptionId: ids.subscriptionId, days: 1 },
      Credit: { stripeCustomerId: ids.stripeCustomerId, amount: 100, currency: 'usd' },
      PauseCollection: { subscriptionId: ids.subscriptionId, behavior: 'void' },
      ResumeCollection: { subscriptionId: ids.subscriptionId },
    };
    for (const [name, input] of Object.entries(actions)) {
      table[`customers.preview${name}`] = { ...input, ...action };
      table[`customers.${name[0]!.toLowerCase()}${name.slice(1)}`] = { ...input, ...action };
    }
    for (const [path, input] of Object.entries(table)) bases.set(path, input);
    startedAt = Date.now();
  }, 120_000);

  afterAll(async () => {
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ');
    console.info(`router fuzz: ${calls} HTTP calls over ${procedures.length} procedures × ${callers.length} callers in ${seconds} s (seed ${SEED}); statuses ${byStatus}`);
    // A procedure added later is fuzzed anyway; a valid-looking base input here lets the fuzzer reach its handler.
    const withoutBase = procedures.filter((p) => objectShape(inputSchemaOf(p.path)) && !bases.has(p.path)).map((p) => p.path);
    if (withoutBase.length > 0) console.info(`router fuzz: no valid-looking base input for ${withoutBase.join(', ')}`);
    await app?.close();
  });

  async function send(procedure: ProcedureInfo, input: unknown, caller: Role | 'anonymous'): Promise<{ status: number; body: string }> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-opsdesk-csrf': '1' };
    // A fresh session per call: some calls end the session they use (logout, a password change).
    if (caller !== 'anonymous') headers.cookie = `opsdesk_session=${await app.openSession(staffIds.get(caller)!)}`;
    const json = toJsonText(input);
    const response =
      procedure.type === 'query'
        ? await fetch(`${url}/trpc/${procedure.path}${json === undefined ? '' : `?input=${encodeURIComponent(json)}`}`, { headers })
        : await fetch(`${url}/trpc/${procedure.path}`, { method: 'POST', headers, body: json ?? '' });
    calls += 1;
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    return { status: response.status, body: await response.text() };
  }

  function inputFor(procedure: ProcedureInfo): fc.Arbitrary<unknown> {
    const maxDepth = procedure.type === 'query' ? QUERY_MAX_DEPTH : BODY_MAX_DEPTH;
    const anything = hostileValue(maxDepth);
    const base = bases.get(procedure.path) ?? {};
    const fields = fieldPathsOf(procedure.path, base);
    const wholeInput = { weight: 2, arbitrary: anything };
    if (fields.length === 0) return fc.oneof(wholeInput, { weight: 1, arbitrary: fc.constant(undefined) });
    const fieldValue = (field: string[]) => (field.at(-1) === 'cursor' ? fc.oneof(hostileCursor, anything) : anything);
    return fc.oneof(
      wholeInput,
      // A valid-looking input with one hostile field.
      { weight: 6, arbitrary: fc.constantFrom(...fields).chain((field) => fieldValue(field).map((value) => withField(base, field, value))) },
      // A valid-looking input with an unknown key.
      { weight: 2, arbitrary: fc.tuple(hostileKey, anything).map(([key, value]) => withField(base, [key], value)) },
    );
  }

  /** Every field of the procedure's valid-looking input set to each classic breaker, and a hostile unknown key. */
  function examplesFor(procedure: ProcedureInfo): [unknown][] {
    const breakers = classicBreakers(procedure.type === 'query' ? 'url' : 'body');
    const base = bases.get(procedure.path) ?? {};
    const fields = fieldPathsOf(procedure.path, base);
    const inputs: unknown[] = fields.length === 0 ? [new DeepValue(procedure.type === 'query' ? QUERY_MAX_DEPTH : BODY_MAX_DEPTH, 'array')] : [];
    for (const field of fields) for (const breaker of breakers) inputs.push(withField(base, field, breaker));
    if (fields.length > 0) inputs.push(withField(base, ['extra\uD800'], 'a\u0000b'));
    return inputs.map((input) => [input]);
  }

  it.each(procedures.map((p) => [p.path, p] as const))('%s', async (_path, procedure) => {
    const failures: Failure[] = [];
    const procedureStart = Date.now();
    const remaining = Math.max(0, BUDGET_MS - (procedureStart - startedAt));
    const index = procedures.indexOf(procedure);
    const sliceMs = remaining / (procedures.length - index);
    const rule = procedure.meta!.permission!;
    const allowed = callers.filter((caller) => isAllowed(rule, caller === 'anonymous' ? undefined : [caller]));
    const exampleCaller = allowed.includes('admin') ? 'admin' : allowed[0];

    for (const caller of callers) {
      const mayCall = allowed.includes(caller);
      // Refused callers are cheap (401/403) and always get their few runs; allowed ones share the slice.
      const stopAt = mayCall ? procedureStart + (sliceMs * (allowed.indexOf(caller) + 1)) / allowed.length : Number.POSITIVE_INFINITY;
      const examples = caller === exampleCaller ? examplesFor(procedure) : [];
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(inputFor(procedure), async (input) => {
          // The examples (run first) always; then at least one call, and more while this caller's share of the slice lasts.
          if (sent >= Math.max(1, examples.length) && Date.now() > stopAt) return;
          sent += 1;
          const { status, body } = await send(procedure, input, caller);
          const leaked = POSTGRES_TEXT.find((pattern) => pattern.test(body));
          if (status >= 500 || leaked) {
            failures.push({ path: procedure.path, caller, status, body: body.slice(0, 400), input: toJsonText(input)?.slice(0, 300) ?? 'undefined' });
          }
        }),
        { seed: SEED + index, numRuns: mayCall ? RUNS_ALLOWED : RUNS_REFUSED, examples },
      );
    }
    expect(failures.length, `${failures.length} failures, e.g. ${JSON.stringify(failures.slice(0, 5), null, 2)}`).toBe(0);
  }, 120_000);

  it('leaves the server ready and the audit chain intact', async () => {
    expect(calls).toBeGreaterThan(procedures.length * callers.length);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect(await verifyAuditChain(app.db)).toMatchObject({ ok: true });
  });
});

/** The fields to make hostile: the base's, the schema's (optional ones included), one level into nested objects. */
function fieldPathsOf(path: string, base: Record<string, unknown>): string[][] {
  const shape = objectShape(inputSchemaOf(path));
  const keys = new Set([...Object.keys(base), ...Object.keys(shape ?? {})]);
  const fields: string[][] = [];
  for (const key of keys) {
    fields.push([key]);
    const inner = objectShape(shape?.[key]);
    for (const innerKey of Object.keys(inner ?? {})) fields.push([key, innerKey]);
  }
  return fields;
}

function inputSchemaOf(path: string): unknown {
  return (appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>)[path]?._def.inputs[0];
}

/** A zod object's shape, through optional / default wrappers; null for anything else. */
function objectShape(schema: unknown): Record<string, unknown> | null {
  let current = schema as { shape?: Record<string, unknown>; def?: { innerType?: unknown } } | undefined;
  for (let i = 0; current && i < 5; i += 1) {
    if (current.shape && typeof current.shape === 'object') return current.shape;
    current = current.def?.innerType as typeof current;
  }
  return null;
}

function withField(base: Record<string, unknown>, field: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  let target: Record<string, unknown> = copy;
  for (const key of field.slice(0, -1)) {
    const next = target[key];
    target = Object.hasOwn(target, key) && next !== null && typeof next === 'object' ? (next as Record<string, unknown>) : (target[key] = {} as Record<string, unknown>);
  }
  // defineProperty: `__proto__` must become an own key, as JSON.parse makes it on the server.
  Object.defineProperty(target, field.at(-1)!, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}
