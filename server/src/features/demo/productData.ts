import type { Insertable } from 'kysely';
import type { AppContentReportTable, AppContentTable, AppSessionTable, AppUsageEventTable, AppUserStatus, AppUserTable, AppWorkspaceMemberTable, AppWorkspaceTable } from './appSchema/appTables.js';
import { REPORT_REASON_CODES } from './appSchema/appTables.js';
import type { Random } from './random.js';
import { COMPANY_SUFFIXES, COMPANY_WORDS, CONTENT_WORDS, COUNTRIES, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, USER_AGENTS } from './wordLists.js';

/**
 * The product side of the demo company, built in memory from the seed: users with
 * statuses, workspaces and members, sessions, content, reports and usage. Times are
 * unix seconds inside [start, end]; the billing side later picks paying workspaces.
 */
export const DAY = 86_400;

export interface DemoUser extends Insertable<AppUserTable> {
  id: string;
  email: string;
  name: string;
  status: AppUserStatus;
  createdAt: Date;
}
export interface DemoWorkspace extends Insertable<AppWorkspaceTable> {
  id: string;
  ownerUserId: string;
  createdAt: Date;
}

export interface ProductData {
  users: DemoUser[];
  workspaces: DemoWorkspace[];
  members: Insertable<AppWorkspaceMemberTable>[];
  sessions: Insertable<AppSessionTable>[];
  content: (Insertable<AppContentTable> & { id: string })[];
  reports: Insertable<AppContentReportTable>[];
  usage: Insertable<AppUsageEventTable>[];
}

const at = (seconds: number) => new Date(seconds * 1000);

export function buildProductData(random: Random, options: { users: number; start: number; end: number }): ProductData {
  const { start, end } = options;
  const span = end - start;
  // sqrt of a uniform draw: sign-ups grow over time, as a healthy SaaS's do.
  const signupTimes = Array.from({ length: options.users }, () => start + Math.floor(Math.sqrt(random.next()) * span)).sort((a, b) => a - b);

  const users = signupTimes.map((created, i) => buildUser(random, created, end, i));
  const workspaces: DemoWorkspace[] = [];
  const members: Insertable<AppWorkspaceMemberTable>[] = [];
  for (const user of users) {
    const created = user.createdAt.getTime() / 1000;
    // Most people create their own workspace; the rest are invited into an older one.
    if (workspaces.length === 0 || random.chance(0.6)) {
      const ws: DemoWorkspace = { id: random.uuid(), name: companyName(random), ownerUserId: user.id, plan: 'free', stripeCustomerId: null, createdAt: at(created) };
      workspaces.push(ws);
      members.push({ workspaceId: ws.id, userId: user.id, role: 'owner', joinedAt: ws.createdAt });
    } else {
      const ws = random.pick(workspaces);
      members.push({ workspaceId: ws.id, userId: user.id, role: random.chance(0.2) ? 'admin' : 'member', joinedAt: at(created) });
    }
  }
  const workspacesOf = new Map<string, string[]>();
  for (const m of members) workspacesOf.set(m.userId, [...(workspacesOf.get(m.userId) ?? []), m.workspaceId]);

  const sessions = users.flatMap((u) => buildSessions(random, u, end));
  const content = users.flatMap((u) => buildContent(random, u, workspacesOf.get(u.id) ?? [], end));
  const reports = buildReports(random, content, users, end);
  const usage = workspaces.flatMap((ws) => buildUsage(random, ws, end));
  return { users, workspaces, members, sessions, content, reports, usage };
}

function buildUser(random: Random, created: number, end: number, index: number): DemoUser {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  // The index keeps emails unique however the names collide.
  const email = `${first}.${last}${index}@${random.pick(EMAIL_DOMAINS)}`.toLowerCase();
  const status = random.weighted<AppUserStatus>({ active: 93, suspended: 2, banned: 1.5, deleted: 3.5 });
  const lastSeen = status === 'deleted' ? created + random.int(0, Math.max(0, end - created) / 4) : end - Math.floor(random.next() ** 3 * (end - created));
  return {
    id: random.uuid(),
    email,
    name: `${first} ${last}`,
    status,
    suspendedUntil: status === 'suspended' ? at(end + random.int(1, 30) * DAY) : null,
    country: random.weighted(COUNTRIES),
    createdAt: at(created),
    lastSeenAt: at(Math.max(created, lastSeen)),
  };
}

function companyName(random: Random): string {
  return `${random.pick(COMPANY_WORDS)} ${random.pick(COMPANY_SUFFIXES)}`;
}

/** Live sessions for recently seen, active users: what a ban or suspension revokes. */
function buildSessions(random: Random, user: DemoUser, end: number): Insertable<AppSessionTable>[] {
  const lastSeen = (user.lastSeenAt as Date).getTime() / 1000;
  if (user.status !== 'active' || end - lastSeen > 30 * DAY) return [];
  return Array.from({ length: random.int(1, 3) }, () => {
    const created = Math.max(user.createdAt.getTime() / 1000, lastSeen - random.int(0, 20) * DAY);
    return {
      id: random.uuid(),
      userId: user.id,
      createdAt: at(created),
      lastSeenAt: at(lastSeen),
      expiresAt: at(lastSeen + 30 * DAY),
      ip: `${random.int(11, 223)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`,
      userAgent: random.pick(USER_AGENTS),
    };
  });
}

function buildContent(random: Random, user: DemoUser, workspaceIds: string[], end: number): ProductData['content'] {
  const created = user.createdAt.getTime() / 1000;
  const count = random.weighted({ 0: 30, 1: 25, 2: 20, 4: 15, 8: 10 });
  return Array.from({ length: Number(count) }, () => {
    const kind = random.weighted({ post: 5, comment: 8, page: 2, file: 1 });
    const words = Array.from({ length: random.int(6, 30) }, () => random.pick(CONTENT_WORDS));
    return {
      id: random.uuid(),
      userId: user.id,
      workspaceId: workspaceIds.length ? random.pick(workspaceIds) : null,
      kind,
      title: kind === 'comment' ? null : `${random.pick(CONTENT_WORDS)} ${random.pick(CONTENT_WORDS)}`,
      body: words.join(' '),
      status: user.status === 'banned' ? 'removed' : random.weighted({ visible: 95, hidden: 3, removed: 2 }),
      createdAt: at(created + Math.floor(random.next() * Math.max(0, end - created))),
    };
  });
}

/** A few percent of content is reported, some of it many times (a queue worth working). */
function buildReports(random: Random, content: ProductData['content'], users: DemoUser[], end: number): Insertable<AppContentReportTable>[] {
  const reports: Insertable<AppContentReportTable>[] = [];
  for (const item of content) {
    if (!random.chance(0.03)) continue;
    const reason = random.weighted({ spam: 40, harassment: 15, hate: 6, violence: 4, sexual: 5, illegal: 2, ip_violation: 8, other: 20 });
    const itemCreated = (item.createdAt as Date).getTime() / 1000;
    for (let n = Number(random.weighted({ 1: 70, 2: 20, 5: 10 })); n > 0; n--) {
      const created = itemCreated + Math.floor(random.next() * Math.max(1, Math.min(end - itemCreated, 14 * DAY)));
      reports.push({
        id: random.uuid(),
        contentId: item.id,
        reporterUserId: random.pick(users).id,
        reasonCode: random.chance(0.8) ? reason : random.pick(REPORT_REASON_CODES),
        details: random.chance(0.5) ? `Reported as ${reason.replace('_', ' ')}: ${random.pick(CONTENT_WORDS)}` : null,
        // Older reports have mostly been worked; recent ones wait in the queue.
        status: end - created > 30 * DAY && random.chance(0.85) ? 'resolved' : 'open',
        createdAt: at(Math.min(end, created)),
      });
    }
  }
  return reports;
}

/** Weekly API-call counts for the last twelve weeks, plus current storage and projects. */
function buildUsage(random: Random, ws: DemoWorkspace, end: number): Insertable<AppUsageEventTable>[] {
  const created = ws.createdAt.getTime() / 1000;
  const scale = random.int(50, 5000);
  const events: Insertable<AppUsageEventTable>[] = [];
  for (let week = 12; week >= 1; week--) {
    const occurred = end - week * 7 * DAY + random.int(0, 6 * DAY);
    if (occurred < created) continue;
    events.push({ workspaceId: ws.id, userId: ws.ownerUserId, kind: 'api_calls', quantity: Math.floor(scale * (0.5 + random.next())), occurredAt: at(occurred) });
  }
  events.push({ workspaceId: ws.id, userId: ws.ownerUserId, kind: 'storage_mb', quantity: random.int(1, 20) * Math.ceil(scale / 10), occurredAt: at(end - random.int(0, 2 * DAY)) });
  events.push({ workspaceId: ws.id, userId: ws.ownerUserId, kind: 'projects', quantity: random.int(1, 12), occurredAt: at(end - random.int(0, 2 * DAY)) });
  return events;
}
