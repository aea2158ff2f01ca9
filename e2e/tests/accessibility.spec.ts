import { accessibilityFindings } from '../pages/AccessibilityAudit';
import { consolePages, openConsolePage, pagesFor } from '../pages/ConsolePages';
import { DEMO_ACCOUNTS, DEMO_ADMIN } from '../support/demoAccounts';
import { sweepRecordsOfWorker } from '../support/sweepRecords';
import { expect, test } from '../support/test';
import { signInAs } from '../support/trpcRequest';

/**
 * WCAG 2.1 AA on every page, for every role (axe-core's rules: contrast, names of
 * controls, list and landmark structure, focusable scrolling boxes…): each demo account
 * opens every page its menu leads to at 1440 px in the light theme; the admin, who sees
 * them all, also on a phone and in the dark theme. Every page's findings are collected
 * (soft) so one run lists them all, one line per element.
 */

test.describe.configure({ mode: 'parallel' });
test.use({ trace: 'off' });

const records = sweepRecordsOfWorker();

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const runs = [
  ...DEMO_ACCOUNTS.map((account) => ({ title: `every page of the ${account.role} menu at 1440 px`, account, viewport: DESKTOP, colorScheme: 'light' as const })),
  { title: 'every page of the admin menu on a 390×844 phone', account: DEMO_ACCOUNTS[0], viewport: PHONE, colorScheme: 'light' as const },
  { title: 'every page of the admin menu in the dark theme', account: DEMO_ACCOUNTS[0], viewport: DESKTOP, colorScheme: 'dark' as const },
];

for (const run of runs) {
  test(`${run.title} meets WCAG 2.1 AA`, async ({ page }) => {
    const pages = pagesFor(run.account.role, consolePages(records()));
    test.setTimeout(20_000 + pages.length * 6_000);
    await page.setViewportSize(run.viewport);
    // No theme chosen yet: the console follows the system's, as it does for a new member.
    await page.emulateMedia({ colorScheme: run.colorScheme });
    await signInAs(page.request, run.account.staff);
    for (const consolePage of pages) {
      await test.step(consolePage.name, async () => {
        await openConsolePage(page, consolePage);
        expect.soft(await accessibilityFindings(page), `${consolePage.name}: WCAG 2.1 AA findings`).toEqual([]);
      });
    }
  });
}

test('the customer lookup with its results, and an account action with its preview, meet WCAG 2.1 AA', async ({ page, lookupPalette, customerPage, actionDialog }) => {
  await page.setViewportSize(DESKTOP);
  await signInAs(page.request, DEMO_ADMIN);
  await customerPage.open(records().customerId);

  // Ctrl-K anywhere: the palette, its results and the one highlighted.
  await lookupPalette.openWithShortcut();
  await lookupPalette.search('gmail');
  await expect(lookupPalette.results.first()).toBeVisible();
  expect.soft(await accessibilityFindings(page), 'lookup palette: WCAG 2.1 AA findings').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(lookupPalette.dialog).toBeHidden();

  // A dangerous action's dialog once its preview has loaded: the facts, the reason and the typed confirmation.
  await customerPage.startAccountAction('Suspend…');
  await expect(actionDialog.preview).toBeVisible();
  expect.soft(await accessibilityFindings(page), 'suspend dialog: WCAG 2.1 AA findings').toEqual([]);
});

for (const viewport of [DESKTOP, PHONE]) {
  test(`the sign-in page at ${viewport.width} px meets WCAG 2.1 AA`, async ({ page, loginPage }) => {
    await page.setViewportSize(viewport);
    await loginPage.open();
    expect(await accessibilityFindings(page)).toEqual([]);
    // And signing in from it takes the keyboard alone: Tab from the email to the password, Enter.
    await loginPage.email.fill(DEMO_ADMIN.email);
    await page.keyboard.press('Tab');
    await expect(loginPage.password).toBeFocused();
    await page.keyboard.type(DEMO_ADMIN.password);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible();
  });
}
