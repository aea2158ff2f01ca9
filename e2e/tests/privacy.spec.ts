import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import pg from 'pg';
import { AppShell } from '../pages/AppShell';
import { HomePage } from '../pages/HomePage';
import { LayoutProbe } from '../pages/LayoutProbe';
import { PrivacyPage } from '../pages/PrivacyPage';
import { DEMO_ADMIN, DEMO_PRIVACY, DEMO_SUPPORT } from '../support/demoAccounts';
import { startOpsdesk, type RunningOpsdesk } from '../support/startOpsdesk';
import { expect, test as shared } from '../support/test';
import { signInAs, trpcData, trpcMutation, trpcQuery } from '../support/trpcRequest';

/**
 * The Privacy section (issue 14, §5 browser test) on a server of its own, so its
 * erasure touches no customer another spec uses. A privacy user records an erasure
 * request, verifies identity, previews the plan and requests it; the admin (a second
 * person holding privacy.erase) approves it in the approvals inbox; the job runs and the
 * receipt downloads and names the request. An access request builds a ZIP that the test
 * unzips. Then the layouts at 390 and 1440 px, and support without a Privacy menu.
 */

let opsdesk: RunningOpsdesk;
// Hooks resolve the fixture before beforeAll has started the server: the shared one stands in there.
const test = shared.extend({ baseURL: async ({}, use) => use(opsdesk?.baseURL ?? process.env.OPSDESK_E2E_BASE_URL) });
let erasureSubject: string;
let accessSubject: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  opsdesk = await startOpsdesk({ adminDatabaseUrl: process.env.OPSDESK_E2E_ADMIN_DATABASE_URL ?? '', name: 'privacy' });
  const client = new pg.Client({ connectionString: opsdesk.databaseUrl });
  await client.connect();
  try {
    // Customers with a Stripe customer in the mirror (it fills from the demo's webhooks after start).
    await expect.poll(async () => (await client.query<{ n: number }>(`select count(*)::int as n from ops.stripe_events where status = 'pending'`)).rows[0]!.n, { timeout: 90_000 }).toBe(0);
    const { rows } = await client.query<{ email: string }>(`
      select u.email from app.users u join app.workspaces w on w.owner_user_id = u.id join billing.customers c on c.id = w.stripe_customer_id
      where u.status = 'active' order by u.id limit 2`);
    expect(rows).toHaveLength(2);
    [erasureSubject, accessSubject] = rows.map((row) => row.email) as [string, string];
  } finally {
    await client.end();
  }
});

test.afterAll(async () => {
  await opsdesk?.stop();
});

test('a privacy user records an erasure, a second person approves it, the job runs and the receipt names the request', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signInAs(page.request, DEMO_PRIVACY);
  const privacy = new PrivacyPage(page);
  await privacy.openList();
  const requestId = await privacy.recordRequest('Erasure', erasureSubject, 'Please delete my account and everything about me.');
  await expect(privacy.section('Deadline')).toContainText(/days left/);
  await privacy.verifyIdentity('Replied from the account’s address');

  const erasure = privacy.section('Erasure');
  await erasure.getByRole('textbox', { name: 'Reason (the approver reads it)' }).fill('Art. 17 request, identity verified by email');
  await erasure.getByRole('button', { name: 'Preview erasure plan' }).click();
  const plan = erasure.getByRole('table', { name: 'Tables' });
  await expect(plan.getByRole('row').filter({ hasText: 'app.users' })).toBeVisible({ timeout: 30_000 });
  await expect(erasure).toContainText(/Delete the Stripe customer cus_/);
  await expect(erasure.getByRole('region', { name: 'Mentions elsewhere' })).toContainText(/No mentions of this person’s email addresses|Opsdesk does not change these/);
  await erasure.getByRole('button', { name: 'Request erasure' }).click();
  const waiting = erasure.getByRole('status').filter({ hasText: 'Waiting for a second person' });
  await expect(waiting).toBeVisible();
  const approvalHref = await waiting.getByRole('link', { name: 'Open the approval request' }).getAttribute('href');
  expect(approvalHref).toMatch(/^#\/approvals\/[\w-]+\/show$/);

  // The second person, in a browser of their own: the plan in words, then Approve.
  const second = await browser.newContext({ baseURL: opsdesk.baseURL });
  try {
    const approver = await second.newPage();
    await signInAs(approver.request, DEMO_ADMIN);
    await approver.goto(`/${approvalHref}`);
    await expect(approver.getByRole('heading', { level: 1 })).toContainText('Erasure of personal data', { timeout: 30_000 });
    const review = approver.getByRole('region', { name: 'Preview' });
    await expect(review.getByRole('table', { name: 'Tables' }).getByRole('row').filter({ hasText: 'app.users' })).toBeVisible();
    await expect(review).toContainText(erasureSubject);
    await approver.getByLabel('Comment (required)').fill('Checked the plan: invoices kept under the accounting basis');
    const answered = approver.waitForResponse((response) => response.url().includes('/trpc/approvals.approve'));
    await approver.getByRole('button', { name: 'Approve' }).click();
    expect((await answered).status()).toBe(200);
  } finally {
    await second.close();
  }

  // Back with the requester: the page follows the job until the request completes.
  await expect(erasure.getByRole('status', { name: 'Erasure progress' })).toBeVisible({ timeout: 60_000 });
  const receiptButton = erasure.getByRole('link', { name: 'Download receipt' });
  await expect(receiptButton).toBeVisible({ timeout: 90_000 });
  await expect(erasure.getByRole('status', { name: 'Erasure progress' })).toContainText('Erasure: finished.');
  const download = page.waitForEvent('download');
  await receiptButton.click();
  const receipt = JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as { receipt: { requestId: string }; signature: { algorithm: string } };
  expect(receipt.receipt.requestId).toBe(requestId);
  expect(receipt.signature.algorithm).toBe('Ed25519');
});

test('an access request builds an export whose ZIP lists its files in the manifest', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page.request, DEMO_PRIVACY);
  const privacy = new PrivacyPage(page);
  await privacy.openList();
  const requestId = await privacy.recordRequest('Access (export)', accessSubject, 'Send me a copy of my data.');
  await privacy.verifyIdentity('Asked from the signed-in account');
  const exportCard = privacy.section('Export');
  await exportCard.getByRole('button', { name: 'Build export' }).click();
  const zipButton = exportCard.getByRole('link', { name: 'Download ZIP' });
  await expect(zipButton).toBeVisible({ timeout: 90_000 });
  await expect(exportCard).toContainText('available until');
  const download = page.waitForEvent('download');
  await zipButton.click();
  const files = readZip(readFileSync((await (await download).path())!));
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as { requestId: string; files: { path: string; entity: string; rows: number; sha256: string }[] };
  expect(manifest.requestId).toBe(requestId);
  expect(manifest.files.length).toBeGreaterThan(0);
  for (const file of manifest.files) expect(files.has(file.path), `${file.path} is in the ZIP`).toBe(true);
});

test('the list and a request page fit a 390 px phone and a 1440 px screen without sideways scroll', async ({ page }) => {
  await signInAs(page.request, DEMO_PRIVACY);
  // A request of its own with a long note, so the test does not depend on the others.
  const created = await trpcData<{ id: string }>(
    await trpcMutation(page.request, 'privacy.create', { kind: 'access', subject: { kind: 'email', value: accessSubject }, channel: 'web_form', note: 'A long note without spaces: '.concat('x'.repeat(300)) }),
  );
  const privacy = new PrivacyPage(page);
  const probe = new LayoutProbe(page);
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1440, height: 900 },
  ]) {
    await page.setViewportSize(viewport);
    await privacy.openList('all');
    await expect(page.getByRole('tab', { name: 'Overdue' })).toBeVisible();
    await expect(page.getByText(accessSubject).first()).toBeVisible();
    await probe.expectNoSidewaysScroll();
    await probe.expectUsable(page.getByRole('button', { name: 'Record request' }));
    await page.goto(`/#/privacy/${created.id}/show`);
    await expect(privacy.section('Deadline')).toContainText(/days left/, { timeout: 30_000 });
    await expect(page.getByRole('navigation', { name: 'Request status' })).toBeVisible();
    await probe.expectNoSidewaysScroll();
    await probe.expectUsable(page.getByRole('button', { name: 'Verify identity' }));
  }
});

test('support has no Privacy menu or cards, and the server refuses the privacy calls', async ({ page }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  await page.goto('/#/');
  const shell = new AppShell(page);
  await shell.expectSignedIn();
  await expect(shell.menuItem('Customers')).toBeVisible();
  await expect(shell.menuItem('Privacy')).toHaveCount(0);
  await expect(new HomePage(page).card('Newest customers')).toBeVisible();
  await expect(new HomePage(page).card('Overdue privacy requests')).toHaveCount(0);
  const list = await trpcQuery(page.request, 'privacy.list', {});
  expect(list.status()).toBe(403);
});

test('a privacy user sees the deadline cards on the home page, each opening its view', async ({ page }) => {
  await signInAs(page.request, DEMO_PRIVACY);
  await page.goto('/#/');
  const home = new HomePage(page);
  // The first visit loads the home page's code.
  await expect(home.heading).toBeVisible({ timeout: 30_000 });
  for (const title of ['Privacy requests due this week', 'Overdue privacy requests', 'Privacy requests on hold']) await expect(home.card(title)).toBeVisible();
  // A card names its view's soonest-due requests, each opening its request: the officer starts with the one due first.
  // One received 27 days ago is due within the week (a calendar month after receipt).
  const receivedAt = new Date(Date.now() - 27 * 86_400_000).toISOString();
  await trpcData(await trpcMutation(page.request, 'privacy.create', { kind: 'access', subject: { kind: 'email', value: `due-soon-${Date.now().toString(36)}@example.com` }, channel: 'email', receivedAt }));
  await page.reload();
  const dueThisWeek = await trpcData<{ items: Array<{ id: string; subject: { label: string | null; value: string } }> }>(await trpcQuery(page.request, 'privacy.list', { view: 'due_this_week', limit: 3 }));
  const card = home.card('Privacy requests due this week');
  const first = dueThisWeek.items[0]!;
  const names = card.getByRole('list', { name: /soonest due$/ }).getByRole('listitem');
  await expect(names).toHaveCount(dueThisWeek.items.length);
  await expect(names.first()).toContainText(/ · due \d{1,2} [A-Z][a-z]{2} \d{4}/);
  await names.first().getByRole('link', { name: first.subject.label ?? first.subject.value }).click();
  await expect(page).toHaveURL(new RegExp(`#/privacy/${first.id}`));
  await page.goBack();
  await home.card('Overdue privacy requests').getByRole('link', { name: 'Open the view' }).click();
  await expect(page).toHaveURL(/#\/privacy\?view=overdue$/);
  await expect(page.getByRole('tab', { name: 'Overdue', selected: true })).toBeVisible();
});

/** The ZIP's files by name, read through its central directory (stored or deflated entries). */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end, 'the ZIP has an end of central directory').toBeGreaterThanOrEqual(0);
  const files = new Map<string, Buffer>();
  let at = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    files.set(name, method === 8 ? inflateRawSync(raw) : raw);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return files;
}
