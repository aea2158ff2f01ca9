import pg from 'pg';
import { AuditListPage } from '../pages/AuditListPage';
import { HomePage } from '../pages/HomePage';
import { LayoutProbe } from '../pages/LayoutProbe';
import { chooseFoldedFilter } from '../pages/FoldedFilters';
import { ModerationPage } from '../pages/ModerationPage';
import { DEMO_ADMIN, DEMO_PASSWORD, DEMO_SUPPORT, uniqueEmail } from '../support/demoAccounts';
import { startOpsdesk, type RunningOpsdesk } from '../support/startOpsdesk';
import { expect, test as shared } from '../support/test';
import { createStaffAs, signInAs, trpcData, trpcMutation, trpcQuery } from '../support/trpcRequest';

/**
 * The moderation console (issue 13, §5 browser tests) on a server of its own, so no other
 * spec works its queue. Before the tests, the product side is played in SQL: a paying
 * customer posts eight items and three users report each for violence (90 days ago, so
 * they outrank the demo's own reports and "next item" takes them in order); the
 * `moderation.syncReports` job queues them within a minute, which beforeAll waits for.
 */
const DEMO_MODERATOR = { email: 'moderator@opsdesk.test', password: DEMO_PASSWORD };
// The decidable codes as the panel lists them (severity first, account measures left out): 6 is Harassment → hide.
const HARASSMENT_DIGIT = '6';
const REPORTED_ITEMS = 8;
const TITLE = /^E2E reported post \d+$/;

let opsdesk: RunningOpsdesk;
// Hooks resolve the fixture before beforeAll has started the server: the shared one stands in there.
const test = shared.extend({ baseURL: async ({}, use) => use(opsdesk?.baseURL ?? process.env.OPSDESK_E2E_BASE_URL) });

interface ItemAnswer {
  entry: { status: string };
  content: { status: string; title: string | null } | null;
  decisions: { reasonCode: string; statement: { decision_visibility?: string[] } | null }[];
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  opsdesk = await startOpsdesk({ adminDatabaseUrl: process.env.OPSDESK_E2E_ADMIN_DATABASE_URL ?? '', name: 'moderation' });
  const client = new pg.Client({ connectionString: opsdesk.databaseUrl });
  await client.connect();
  try {
    // A paying author (the Stripe mirror fills from the demo's webhooks shortly after start).
    const payingAuthor = async () =>
      (await client.query<{ id: string }>(`
        select w.owner_user_id as id from app.workspaces w join billing.subscriptions s on s.customer_id = w.stripe_customer_id
        where s.status = 'active' and w.owner_user_id is not null order by w.owner_user_id limit 1`)).rows[0]?.id;
    await expect.poll(payingAuthor, { message: 'a paying customer in the Stripe mirror', timeout: 90_000 }).toBeDefined();
    const author = (await payingAuthor())!;
    const reporters = (await client.query<{ id: string }>(`select id from app.users where id <> $1 and status = 'active' order by id limit 3`, [author])).rows.map((r) => r.id);
    const reportIds: string[] = [];
    for (let n = 1; n <= REPORTED_ITEMS; n++) {
      const content = await client.query<{ id: string }>(
        `insert into app.content (user_id, kind, title, body, created_at) values ($1, 'post', $2, $3, now() - interval '100 days') returning id`,
        [author, `E2E reported post ${n}`, `Body of reported post ${n}: threatening words for the browser test.`],
      );
      for (const reporter of reporters) {
        const report = await client.query<{ id: string }>(
          `insert into app.content_reports (content_id, reporter_user_id, reason_code, details, created_at) values ($1, $2, 'violence', 'Threatens a neighbour', now() - interval '90 days' + make_interval(mins => $3)) returning id`,
          [content.rows[0]!.id, reporter, n],
        );
        reportIds.push(report.rows[0]!.id);
      }
    }
    // Fresh, unreported content for the rules' dry run (which looks at the last days only).
    await client.query(`insert into app.content (user_id, kind, title, body) values ($1, 'post', 'E2E fresh post', 'Win the zebra lottery today, click here')`, [author]);
    await expect
      .poll(async () => (await client.query<{ n: number }>(`select count(*)::int as n from ops.moderation_queue_reports where report_id = any($1::text[])`, [reportIds])).rows[0]!.n, {
        message: 'the moderation.syncReports job (every minute) queues the reports',
        timeout: 100_000,
        intervals: [1_000, 2_000, 5_000],
      })
      .toBe(reportIds.length);
  } finally {
    await client.end();
  }
});

test.afterAll(async () => {
  await opsdesk?.stop();
});

test('a moderator works three items with the keyboard: next, a reason code by its digit, Ctrl+Enter, the statement of reasons, next', async ({ page, appShell }) => {
  test.setTimeout(120_000);
  await signInAs(page.request, DEMO_MODERATOR);
  const moderation = new ModerationPage(page);
  await moderation.openQueue();
  await expect(appShell.menuItem('Moderation')).toBeVisible();
  await expect(moderation.queueSizes.getByLabel('Live items per priority')).toContainText('Urgent:');

  const worked: string[] = [];
  let previous: string | undefined;
  for (let n = 1; n <= 3; n++) {
    const entryId = await moderation.nextWithKeyboard(previous);
    expect(worked).not.toContain(entryId);
    await expect(moderation.lease).toContainText(/Lease: [45]:\d\d/);
    await moderation.decideWithKeyboard(HARASSMENT_DIGIT, 'Harassment', `Keyboard run, item ${n}: insults aimed at another user.`);
    await expect(moderation.statement).toContainText('Content disabled');
    await expect(moderation.statement).toContainText('Illegal or harmful speech');
    await expect(moderation.statement).toContainText('Terms of service: harassment');
    await expect(moderation.statement).toContainText('Open to appeal until');
    await expect(page.getByRole('region', { name: 'Author' }).getByText('Paying customer')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Author' }).getByText('Account: Active')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Reported content' })).toContainText(`E2E reported post ${n}`);
    // Reason codes in the policy table's words, never the stored code.
    await expect(page.getByRole('list', { name: 'Reports' }).first()).toContainText('Violent threats: Threatens a neighbour');
    worked.push(entryId);
    previous = entryId;
  }

  // What the server stored: each item decided once, its content hidden, the statement the page showed.
  for (const entryId of worked) {
    const item = await trpcData<ItemAnswer>(await trpcQuery(page.request, 'moderation.item', { entryId }));
    expect(item.entry.status).toBe('decided');
    expect(item.content?.status).toBe('hidden');
    expect(item.content?.title).toMatch(TITLE);
    expect(item.decisions.map((d) => d.reasonCode)).toEqual(['harassment']);
    expect(item.decisions[0]!.statement?.decision_visibility).toEqual(['DECISION_VISIBILITY_CONTENT_DISABLED']);
  }
});

test('an appeal entered by the first decider is decided by a second moderator, and the reversal restores the content', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const second = { email: uniqueEmail('moderator-b'), name: 'Mona Second', roles: ['moderator'], password: 'second-moderator-password' };
  await signInAs(page.request, DEMO_MODERATOR);
  const first = new ModerationPage(page);
  await first.openQueue();
  const entryId = await first.nextWithKeyboard();
  await first.decideWithKeyboard(HARASSMENT_DIGIT, 'Harassment', 'Harassment of a named user; hidden.');
  await first.recordAppeal('I was quoting the other person, not insulting them.', 'Received by mail from the author');

  await first.openAppeals();
  const mine = first.appeals().filter({ hasText: 'I was quoting the other person' });
  await expect(mine).toContainText('You took the decision under appeal');
  await expect(mine.getByRole('button', { name: 'Reverse the decision' })).toHaveCount(0);
  // The appeal names the reason in words and leads to the decided item itself.
  await expect(mine.getByRole('heading')).toContainText('Hide content · Harassment');
  await expect(mine.getByRole('link', { name: 'Open the decided item' })).toHaveAttribute('href', `#/moderation/${entryId}/show`);

  const otherContext = await browser.newContext({ baseURL });
  try {
    const otherPage = await otherContext.newPage();
    await createStaffAs(otherPage.request, DEMO_ADMIN, second);
    await signInAs(otherPage.request, { email: second.email, password: second.password });
    const other = new ModerationPage(otherPage);
    await other.openAppeals('forMe=true');
    const appeal = other.appeals().filter({ hasText: 'I was quoting the other person' });
    await appeal.getByRole('textbox', { name: 'Reason for the outcome' }).fill('Read in context it quotes the other party; restoring.');
    await appeal.getByRole('button', { name: 'Reverse the decision' }).click();
    await expect(otherPage.getByRole('status').filter({ hasText: 'Reversed: the content is visible again.' })).toBeVisible();
    await expect(appeal).toHaveCount(0);
  } finally {
    await otherContext.close();
  }

  const item = await trpcData<ItemAnswer>(await trpcQuery(page.request, 'moderation.item', { entryId }));
  expect(item.content?.status).toBe('visible');

  // The audit log's entries about the appeal open it, decided: who reversed it and why.
  const reversed = await trpcData<{ items: { id: string; statement: string }[] }>(await trpcQuery(page.request, 'moderation.appeals.list', { status: 'reversed', limit: 100 }));
  const appealId = reversed.items.filter((a) => a.statement.startsWith('I was quoting the other person')).at(-1)!.id;
  const adminContext = await browser.newContext({ baseURL });
  try {
    const adminPage = await adminContext.newPage();
    await signInAs(adminPage.request, DEMO_ADMIN);
    const audit = new AuditListPage(adminPage);
    await audit.open();
    await audit.search(appealId);
    await adminPage.getByRole('link', { name: `Appeal ${appealId.slice(0, 8)}` }).first().click();
    await expect(adminPage).toHaveURL(new RegExp(`#/moderation-appeals\\?appeal=${appealId}$`));
    const shown = adminPage.getByRole('article', { name: /^Appeal on Harassment/ });
    await expect(shown).toContainText('I was quoting the other person, not insulting them.');
    await expect(shown).toContainText(`Reversed by ${second.email}`);
    await expect(shown).toContainText('Read in context it quotes the other party; restoring.');
  } finally {
    await adminContext.close();
  }
});

test('a moderator removes two selected items in one bulk run on the server and follows its progress', async ({ page }) => {
  await signInAs(page.request, DEMO_MODERATOR);
  const moderation = new ModerationPage(page);
  await moderation.openQueue('q=E2E%20reported%20post');
  const titles = ['E2E reported post 6', 'E2E reported post 7'];
  await moderation.bulkDecideSelected(titles, /^Spam — Remove content$/, 'Bulk: the same threatening spam posted twice.');
  await expect(page.getByRole('group', { name: 'Progress' })).toContainText('2 of 2 processed: 2 done, 0 skipped, 0 failed.');
  await expect(page.getByRole('list', { name: 'Items' }).getByRole('link', { name: /: Done$/ })).toHaveCount(2);

  const decided = await trpcData<{ items: { title: string | null; contentStatus: string }[] }>(await trpcQuery(page.request, 'moderation.queue', { status: 'decided', search: 'E2E reported post' }));
  expect(decided.items.filter((item) => titles.includes(item.title ?? '')).map((item) => item.contentStatus).sort()).toEqual(['removed', 'removed']);
});

test("a moderator's home page shows the queue sizes by priority, the item they hold and the appeals waiting for them", async ({ page }) => {
  await signInAs(page.request, DEMO_MODERATOR);
  const claimed = await trpcData<{ entry: { id: string } }>(await trpcMutation(page.request, 'moderation.next', {}));
  try {
    const home = new HomePage(page);
    await home.open();
    await expect(home.card('Moderation queue').getByLabel('Items per priority')).toContainText(/Urgent: \d+/);
    await expect(home.card('Moderation queue').getByText(/^[1-9]\d*$/)).toBeVisible();
    const mine = home.card('My claimed items').getByRole('link');
    await expect(mine).toHaveCount(1);
    await expect(mine).toHaveAttribute('href', `#/moderation/${claimed.entry.id}/show`);
    await expect(home.card('Appeals waiting for me')).toBeVisible();
  } finally {
    await trpcMutation(page.request, 'moderation.release', { entryId: claimed.entry.id });
  }
});

test('an admin tries a keyword rule against the last week, saves it in shadow mode and switches it to live', async ({ page }) => {
  await signInAs(page.request, DEMO_ADMIN);
  await page.goto('/#/moderation-rules');
  await expect(page.getByRole('heading', { level: 1, name: 'Moderation rules' })).toBeVisible();
  const form = page.getByRole('region', { name: 'New rule' });
  // The rules come first; "New rule" brings the form's first field into view, focused.
  await page.getByRole('button', { name: 'New rule' }).click();
  await expect(form.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await expect(form.getByRole('textbox', { name: 'Name' })).toBeInViewport();
  await form.getByRole('textbox', { name: 'Name' }).fill('E2E zebra lottery');
  await form.getByRole('textbox', { name: /^Keywords/ }).fill('zebra lottery');
  await form.getByRole('textbox', { name: 'Reason (audited)' }).fill('Lottery spam wave');
  await form.getByRole('button', { name: 'Try it (last 7 days)' }).click();
  const dryRun = form.getByRole('region', { name: 'Dry run' });
  await expect(dryRun.getByRole('status')).toContainText(/: 1 of \d+ items? match/);
  await expect(dryRun).toContainText('E2E fresh post');
  // Why it matched, what it is and its state, in words (the product stores `post`, `visible`).
  await expect(dryRun.getByRole('listitem').filter({ hasText: 'E2E fresh post' })).toContainText(/keyword: zebra lottery · Post · Visible · /);
  await form.getByRole('button', { name: 'Save in shadow mode' }).click();

  const rule = page.getByRole('article', { name: 'Rule E2E zebra lottery' });
  await expect(rule).toContainText('Shadow (log only)');
  await expect(rule).toContainText('Text contains any of “zebra lottery”');
  // Its figures in words: hits counted in the singular or plural, precision said even before any verdict.
  await expect(rule.getByLabel('Figures')).toHaveText(/^(1 hit|(0|[2-9]|\d[\d,]+) hits) \(\d+ live, \d+ shadow; \d+ would have acted\) · moderators agreed \d+, disagreed \d+ · (no moderator verdict yet|precision \d+ %)$/);
  await rule.getByRole('textbox', { name: 'Reason to switch to live' }).fill('Shadow results look right');
  await rule.getByRole('button', { name: 'Switch to live' }).click();
  await expect(rule.getByText('Live', { exact: true })).toBeVisible();
  await expect(rule.getByRole('button', { name: 'Back to shadow' })).toBeVisible();
});

test('a support member has no Moderation menu and the server refuses the moderation calls', async ({ page, appShell }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  await page.goto('/#/');
  await appShell.expectSignedIn();
  await expect(appShell.menuItem('Customers')).toBeVisible();
  await expect(appShell.menuItem('Moderation')).toHaveCount(0);
  await expect(appShell.menuItem('Appeals')).toHaveCount(0);
  await expect(appShell.menuItem('Mod rules')).toHaveCount(0);
  // The home page has drawn its cards (support reads customers) and none of them is moderation's.
  await expect(new HomePage(page).card('Newest customers')).toBeVisible();
  await expect(new HomePage(page).card('Moderation queue')).toHaveCount(0);
  await expect(new HomePage(page).card('My claimed items')).toHaveCount(0);

  const queue = await trpcQuery(page.request, 'moderation.queue', {});
  expect(queue.status()).toBe(403);
  expect((await queue.json()).error.data.code).toBe('FORBIDDEN');
  const next = await page.request.post('/trpc/moderation.next', { headers: { 'x-opsdesk-csrf': '1', 'content-type': 'application/json' }, data: {} });
  expect(next.status()).toBe(403);
});

for (const viewport of [
  { name: 'a 390×844 phone', width: 390, height: 844 },
  { name: '1440×900', width: 1440, height: 900 },
]) {
  test(`the queue, an item's page, appeals and rules fit ${viewport.name} without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await signInAs(page.request, DEMO_MODERATOR);
    const moderation = new ModerationPage(page);
    const probe = new LayoutProbe(page);
    await moderation.openQueue();
    await expect(moderation.queue).toBeVisible();
    await probe.expectNoSidewaysScroll();
    await probe.expectUsable(page.getByRole('button', { name: 'Next item (n)' }));
    if (viewport.width < 600) {
      // The search stays; status and reason group fold behind "Filters", which counts those in force.
      const filters = page.getByRole('search', { name: 'Queue filters' });
      const button = (await filters.getByRole('button', { name: 'Filters', exact: true }).boundingBox())!;
      const search = (await filters.getByRole('searchbox', { name: 'Search title, text or content id' }).boundingBox())!;
      // Folded, the selects take no line: one gap (12 px) between the button and the search, not two.
      expect(search.y - (button.y + button.height)).toBeLessThanOrEqual(13);
      await chooseFoldedFilter(page, filters, 'Status', 'Decided', /status=decided/);
      await moderation.openQueue();
    }

    await page.getByRole('button', { name: 'Next item (n)' }).click();
    await expect(moderation.heading(/^Item \d+$/)).toBeVisible();
    await expect(moderation.decisionPanel).toBeVisible();
    await probe.expectNoSidewaysScroll();
    await probe.expectUsable(moderation.reasonCode);
    // Leaving the page hands the item back.
    const released = page.waitForResponse((response) => response.url().includes('/trpc/moderation.release'));
    await page.getByRole('link', { name: '← Queue' }).click();
    expect((await released).status()).toBe(200);

    await page.goto('/#/moderation-appeals?status=reversed');
    await expect(page.getByRole('status', { name: 'Loading the appeals' })).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: 'Appeals' })).toBeVisible();
    await probe.expectNoSidewaysScroll();
    await page.goto('/#/moderation-rules');
    await expect(page.getByRole('article', { name: /^Rule / }).first().or(page.getByText('No rule yet.'))).toBeVisible();
    await probe.expectNoSidewaysScroll();
  });
}
