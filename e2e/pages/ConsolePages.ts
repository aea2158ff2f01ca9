import type { Locator, Page } from '@playwright/test';
import { hasPermission, type Permission, type Role } from '@opsdesk/shared';
import type { SweepRecords } from '../support/sweepRecords';
import { FIRST_DRAW } from '../support/pageLoad';

/**
 * Every page of the console the main menu leads to (web/src/app/Layout.tsx, AppMenu),
 * with the detail, create and edit pages behind each entry, and the permissions each
 * needs (shared/src/auth/permissions.ts, the table the menu and the server read). Used
 * by the layout sweep; a menu entry that is not here fails it (see menuEntryPaths).
 */
export interface ConsolePage {
  name: string;
  /** Its address, '/#/…'. */
  path: string;
  /** The main menu's own entry for this page (its link's address is `path` without the query). */
  menuEntry?: true;
  /** All of them needed to open it; none: every signed-in staff member. */
  needs?: Permission[];
  /** Inside <main>, what shows the page has drawn its content (records or their absence). */
  ready: (main: Locator) => Locator;
}

const heading = (name: string | RegExp) => (main: Locator) => main.getByRole('heading', { level: 1, name });
/** A react-admin list: its first record, a table row on wide screens, a list item on a phone. */
const firstRecord = (main: Locator) => main.getByRole('row').nth(1).or(main.getByRole('listitem').first());

export function consolePages(records: SweepRecords): ConsolePage[] {
  const all = `?filter=${encodeURIComponent(JSON.stringify({ scope: 'all' }))}`;
  return [
    { name: 'home', path: '/#/', menuEntry: true, ready: heading(/^Welcome, /) },
    { name: 'customer list', path: '/#/customers', menuEntry: true, needs: ['customers.read'], ready: firstRecord },
    { name: 'customer page', path: `/#/customers/${records.customerId}/show`, needs: ['customers.read'], ready: (main) => main.getByRole('list', { name: 'Timeline' }).getByRole('listitem').first().or(main.getByText('Nothing happened yet.')) },
    // "All": those who may not see the sweep's request see an empty list.
    { name: 'approvals list', path: `/#/approvals${all}`, menuEntry: true, needs: ['approvals.read'], ready: (main) => firstRecord(main).or(main.getByText('No request here.')) },
    // Its requester (support) and those who may decide it (a refund: finance, admin).
    { name: 'approval request', path: `/#/approvals/${records.approvalId}/show`, needs: ['approvals.read', 'customers.refund'], ready: heading(/^Refund for /) },
    { name: 'revenue', path: '/#/revenue', menuEntry: true, needs: ['revenue.read'], ready: (main) => main.getByRole('region', { name: 'Headline numbers' }) },
    { name: 'reconciliation', path: '/#/revenue/reconciliation', needs: ['revenue.read'], ready: heading('Reconciliation with Stripe') },
    // Scheduled runs that succeeded are hidden by default: on a fresh server the list may say so and show none.
    { name: 'jobs list', path: '/#/jobs', menuEntry: true, needs: ['jobs.read'], ready: (main) => firstRecord(main).or(main.getByText(/^Nothing needs a look/)) },
    { name: 'job page', path: `/#/jobs/${records.jobId}/show`, needs: ['jobs.read'], ready: (main) => main.getByRole('list', { name: 'Job log' }) },
    { name: 'runbooks list', path: '/#/runbooks', menuEntry: true, needs: ['runbooks.read'], ready: heading('Runbooks') },
    { name: 'runbook action', path: '/#/runbooks/health.check/show', needs: ['runbooks.read'], ready: heading('Run the health check') },
    { name: 'signals', path: '/#/signals', menuEntry: true, needs: ['signals.read'], ready: (main) => main.getByRole('region', { name: 'Traffic' }) },
    { name: 'SLO list', path: '/#/slos', menuEntry: true, needs: ['slo.read'], ready: heading('SLOs') },
    { name: 'SLO page', path: `/#/slos/${records.sloId}/show`, needs: ['slo.read'], ready: (main) => main.getByRole('region', { name: 'SLO figures' }) },
    { name: 'SLO create', path: '/#/slos/create', needs: ['slo.edit'], ready: heading('New SLO') },
    { name: 'SLO edit', path: `/#/slos/${records.sloId}/edit`, needs: ['slo.edit'], ready: heading(/^Edit SLO /) },
    { name: 'SLO alerts', path: '/#/slo-alerts', menuEntry: true, needs: ['slo.read'], ready: heading('Alerts') },
    { name: 'flag list', path: '/#/flags', menuEntry: true, needs: ['flags.read'], ready: heading('Flags') },
    { name: 'flag page', path: `/#/flags/${encodeURIComponent(records.flagKey)}/show`, needs: ['flags.read'], ready: heading(records.flagKey) },
    { name: 'flag create', path: '/#/flags/create', needs: ['flags.edit'], ready: heading('Create flag') },
    { name: 'flags API keys', path: '/#/flags/keys', needs: ['flags.keys'], ready: heading('Flags API keys') },
    { name: 'moderation queue', path: '/#/moderation', menuEntry: true, needs: ['moderation.read'], ready: heading('Moderation queue') },
    { name: 'moderation item', path: `/#/moderation/${records.moderationEntryId}/show`, needs: ['moderation.read'], ready: heading(`Item ${records.moderationEntryId}`) },
    { name: 'appeals', path: '/#/moderation-appeals', menuEntry: true, needs: ['moderation.read'], ready: heading('Appeals') },
    { name: 'moderation rules', path: '/#/moderation-rules', menuEntry: true, needs: ['moderation.read'], ready: heading('Moderation rules') },
    { name: 'privacy requests', path: '/#/privacy', menuEntry: true, needs: ['privacy.read'], ready: heading('Privacy requests') },
    { name: 'privacy request', path: `/#/privacy/${records.privacyRequestId}/show`, needs: ['privacy.read'], ready: (main) => main.getByRole('region', { name: 'History' }) },
    { name: 'staff list', path: '/#/staff', menuEntry: true, needs: ['staff.read'], ready: firstRecord },
    { name: 'staff member', path: `/#/staff/${records.staffId}`, needs: ['staff.update'], ready: (main) => main.getByRole('textbox', { name: /^Name\b/ }) },
    { name: 'staff create', path: '/#/staff/create', needs: ['staff.create'], ready: (main) => main.getByRole('textbox', { name: /^Email\b/ }) },
    { name: 'audit log', path: '/#/audit', menuEntry: true, needs: ['audit.read'], ready: firstRecord },
    { name: 'audit entry', path: `/#/audit/${records.auditId}/show`, needs: ['audit.read'], ready: (main) => main.getByText('Chain hash') },
    { name: 'security settings', path: '/#/security', menuEntry: true, needs: ['security.read'], ready: heading('Security settings') },
    { name: 'my account', path: '/#/account', menuEntry: true, ready: heading('My account') },
  ];
}

export function pagesFor(role: Role, pages: ConsolePage[]): ConsolePage[] {
  return pages.filter((page) => (page.needs ?? []).every((permission) => hasPermission([role], permission)));
}

/** The menu links these pages should make: '#/customers' for '/#/customers?filter=…'. */
export function menuEntryPaths(pages: ConsolePage[]): string[] {
  return pages.filter((page) => page.menuEntry).map((page) => page.path.slice(1).split('?')[0]!);
}

/**
 * Opens a console page in the signed-in app: a hash change, so the app is not loaded
 * again. The previous page's content is marked first and must be gone, so `ready`
 * cannot match what is still on screen from it; then the page's own content, and no
 * loading placeholder left in <main> (a running job's progress bar may stay).
 */
export async function openConsolePage(page: Page, consolePage: ConsolePage): Promise<void> {
  const main = page.getByRole('main');
  const previous = page.locator('#main-content > *').first();
  if ((await previous.count()) > 0) await previous.evaluate((element) => element.setAttribute('data-sweep-left', ''));
  await page.goto(consolePage.path);
  // waitFor, not expect: it looks again on every frame instead of backing off, and the sweep opens a hundred pages.
  await page.locator('[data-sweep-left]').waitFor({ state: 'detached' });
  await consolePage.ready(main).first().waitFor(FIRST_DRAW);
  await main.locator('.MuiSkeleton-root').or(main.getByRole('status', { name: /^Loading/ })).first().waitFor({ state: 'detached', ...FIRST_DRAW });
}
