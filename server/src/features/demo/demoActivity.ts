import { formatMoney } from '@opsdesk/shared';
import { TRPCError } from '@trpc/server';
import { insertSession, revokeSession } from '../auth/sessions.queries.js';
import { createSessionToken } from '../auth/sessionToken.js';
import { DEMO_STAFF } from '../staff/demoStaff.js';
import { findStaffByEmail } from '../staff/staff.queries.js';
import { appRouter } from '../../trpc/appRouter.js';
import { createContext, type AppDeps } from '../../trpc/context.js';
import { findDemoActivitySubjects, hasNoteBy } from './demoActivity.queries.js';
import { isDemoActivityRecorded, markDemoActivityRecorded } from './demoSeedState.queries.js';

/** What the demo staff's day holds once recorded (made by this run or found from an earlier one). */
export interface DemoActivitySummary {
  flags: number;
  notes: number;
  approvals: number;
  privacyRequests: number;
  moderationRules: number;
}

/** Fixed: a run again after a stop answers the request the first run recorded (privacy.create's idempotency). */
const ACCESS_REQUEST_KEY = '8f1d7a52-3c4e-4b8a-9d61-2f0b5c7e9a13';
const ERASURE_REQUEST_KEY = '1c9e4b7d-6a2f-4e85-b3d0-7f5a8c2e4d61';
const DAY_MS = 86_400_000;
const SCAM_RULE = 'New-account crypto scams';

const DEMO_FLAGS = [
  {
    key: 'checkout.new-flow',
    type: 'release' as const,
    description: 'The one-page checkout that replaces the three-step form.',
    tags: ['checkout'],
    development: [{ name: 'default' }],
    staging: [{ name: 'flexibleRollout', parameters: { rollout: '50', stickiness: 'default', groupId: 'checkout.new-flow' } }],
  },
  {
    key: 'search.instant-results',
    type: 'experiment' as const,
    description: 'Search results shown while typing, for Team and Enterprise workspaces first.',
    tags: ['search'],
    development: [{ name: 'default' }],
    staging: [{ name: 'flexibleRollout', parameters: { rollout: '100', stickiness: 'default', groupId: 'search.instant-results' }, constraints: [{ contextName: 'plan', operator: 'IN' as const, values: ['team', 'enterprise'] }] }],
  },
  {
    key: 'billing.pause-dunning-emails',
    type: 'kill-switch' as const,
    description: 'Stops payment-retry emails at once if the email provider misbehaves. Off: emails are sent.',
    tags: ['billing'],
    development: null,
    staging: null,
  },
];

type Caller = ReturnType<typeof appRouter.createCaller>;

/**
 * The demo staff's first day, so that Flags, Mod rules, Privacy and the approvals inbox
 * show something to try on a fresh demo instead of an empty page: three feature flags
 * and a moderation rule in shadow mode (the admin), notes and a refund waiting for a
 * second person (support), an access and an erasure request, one due within the week
 * (privacy). Each is made through the same procedures the console calls, as the demo member whose job it is: permission-checked,
 * validated and on the audit log like anything a person does. Production is left alone
 * (a protected environment; the demo has one admin, who may not approve their own
 * change).
 *
 * Recorded once (ops.settings `demo.activity`); every step is safe to run again, so a
 * start stopped half-way finishes it at the next start. Needs the demo admin, support and
 * privacy members: without them (staff who are real people) nothing is made.
 */
export async function recordDemoActivity(deps: AppDeps, now = new Date()): Promise<DemoActivitySummary | null> {
  if (await isDemoActivityRecorded(deps.db)) return null;
  const [admin, support, privacy] = await Promise.all(['admin@opsdesk.test', 'support@opsdesk.test', 'privacy@opsdesk.test'].map((email) => findDemoMember(deps, email)));
  if (!admin || !support || !privacy) return null;
  const subjects = await findDemoActivitySubjects(deps.db);
  const summary: DemoActivitySummary = { flags: 0, notes: 0, approvals: 0, privacyRequests: 0, moderationRules: 0 };
  await actAs(deps, admin, async (api, staffId) => {
    await recordFlags(api, staffId, summary);
    await recordScamRule(api, summary);
  });
  await actAs(deps, support, async (api, staffId) => {
    if (subjects.charge) {
      const { userId, chargeId, amount, currency } = subjects.charge;
      const note = `Called in: does not recognise the ${formatMoney(amount, currency)} payment; their bank confirmed the card was used without them. Refund requested as fraudulent, waiting for a second person.`;
      await addNoteOnce(deps, api, staffId, userId, note);
      summary.notes += 1;
      const refund = await api.customers.refund({ chargeId, stripeReason: 'fraudulent', reason: 'Cardholder says they did not make this payment; bank letter on the ticket.' });
      if (refund.status === 'approval_requested') summary.approvals += 1;
    }
    if (subjects.troubled) {
      const note = subjects.troubled.status === 'past_due'
        ? 'Card declined twice this month. Sent the link to update the payment method; they will do it this week.'
        : 'Cancelled: the team moved to another tool. Offered 20 % off for three months; declined. Open to hearing from us about the new search.';
      await addNoteOnce(deps, api, staffId, subjects.troubled.userId, note);
      summary.notes += 1;
    }
  });
  await actAs(deps, privacy, async (api) => {
    const [accessSubject, erasureSubject] = subjects.freeUsers;
    if (accessSubject) {
      // Received 24 days ago: due within the week, so the deadline views and the home card have one to show.
      await api.privacy.create({ kind: 'access', subject: { kind: 'email', value: accessSubject.email }, channel: 'email', receivedAt: new Date(now.getTime() - 24 * DAY_MS).toISOString(), note: 'Asks for a copy of everything we hold about them.', idempotencyKey: ACCESS_REQUEST_KEY });
      summary.privacyRequests += 1;
    }
    if (erasureSubject) {
      await api.privacy.create({ kind: 'erasure', subject: { kind: 'email', value: erasureSubject.email }, channel: 'web_form', receivedAt: new Date(now.getTime() - 2 * DAY_MS).toISOString(), note: 'Closed their workspace and asks us to delete their account and data.', idempotencyKey: ERASURE_REQUEST_KEY });
      summary.privacyRequests += 1;
    }
  });
  await markDemoActivityRecorded(deps.db);
  return summary;
}

/** Three flags the admin owns, on in development and rolling out in staging; a key that exists already is left as it is. */
async function recordFlags(api: Caller, ownerId: string, summary: DemoActivitySummary): Promise<void> {
  for (const flag of DEMO_FLAGS) {
    summary.flags += 1;
    if (await flagExists(api, flag.key)) continue;
    await api.flags.create({ key: flag.key, type: flag.type, description: flag.description, tags: flag.tags, ownerId });
    if (flag.development) await api.flags.setEnvironment({ key: flag.key, environment: 'development', enabled: true, strategies: flag.development });
    if (flag.staging) await api.flags.setEnvironment({ key: flag.key, environment: 'staging', enabled: true, strategies: flag.staging });
  }
}

/**
 * A keyword rule in shadow mode (log only): what it would hide shows on the rules page
 * and in the item's event log, for a moderator to judge before an admin makes it live.
 */
async function recordScamRule(api: Caller, summary: DemoActivitySummary): Promise<void> {
  summary.moderationRules += 1;
  const { rules } = await api.moderation.rules.list({});
  if (rules.some((rule) => rule.name === SCAM_RULE)) return;
  await api.moderation.rules.create({
    name: SCAM_RULE,
    description: 'Investment and giveaway scams posted from new accounts.',
    conditions: { keywords: ['crypto giveaway', 'double your bitcoin', 'guaranteed returns'], author: { maxAccountAgeDays: 7 } },
    action: 'hide_pending_review',
    reasonCode: 'scam',
    mode: 'shadow',
    reason: 'Three scam waves last month came from accounts under a week old; trying it in shadow first.',
  });
}

async function flagExists(api: Caller, key: string): Promise<boolean> {
  try {
    await api.flags.get({ key });
    return true;
  } catch (error) {
    if (error instanceof TRPCError && error.code === 'NOT_FOUND') return false;
    throw error;
  }
}

async function addNoteOnce(deps: AppDeps, api: Caller, staffId: string, userId: string, body: string): Promise<void> {
  if (!(await hasNoteBy(deps.db, staffId, userId))) await api.customers.addNote({ userId, body });
}

/** A demo account still active; null when missing (staff who are real people) or disabled. */
async function findDemoMember(deps: AppDeps, email: string): Promise<{ id: string } | null> {
  if (!DEMO_STAFF.some((member) => member.email === email)) throw new Error(`${email} is not a demo account`);
  const staff = await findStaffByEmail(deps.db, email);
  return staff?.status === 'active' ? staff : null;
}

/** Runs `work` as a demo member through a session of its own, revoked afterwards (never handed to anyone). */
async function actAs(deps: AppDeps, staff: { id: string }, work: (api: Caller, staffId: string) => Promise<void>): Promise<void> {
  const { token, id } = createSessionToken();
  await insertSession(deps.db, { id, staffId: staff.id, ip: null, userAgent: 'opsdesk-demo-seed' });
  const noResponse = { setSessionCookie: () => undefined, clearSessionCookie: () => undefined, setHeader: () => undefined };
  const api = appRouter.createCaller(createContext(deps, { requestId: `demo-seed-${id.slice(0, 8)}`, ip: null, userAgent: 'opsdesk-demo-seed', sessionToken: token }, noResponse));
  try {
    await work(api, staff.id);
  } finally {
    await revokeSession(deps.db, id);
  }
}

/** The line `npm start` prints: "Demo staff activity: 3 feature flags, 2 customer notes, 1 refund waiting for approval, 2 privacy requests, 1 moderation rule in shadow mode." */
export function describeDemoActivity(summary: DemoActivitySummary): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return `Demo staff activity: ${[
    count(summary.flags, 'feature flag', 'feature flags'),
    count(summary.notes, 'customer note', 'customer notes'),
    count(summary.approvals, 'refund waiting for approval', 'refunds waiting for approval'),
    count(summary.privacyRequests, 'privacy request', 'privacy requests'),
    count(summary.moderationRules, 'moderation rule in shadow mode', 'moderation rules in shadow mode'),
  ].join(', ')}.`;
}
