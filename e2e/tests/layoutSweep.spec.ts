import { consolePages, menuEntryPaths, openConsolePage, pagesFor } from '../pages/ConsolePages';
import { LAYOUT_VIEWPORTS, LayoutProbe } from '../pages/LayoutProbe';
import { DEMO_ACCOUNTS } from '../support/demoAccounts';
import { sweepRecordsOfWorker } from '../support/sweepRecords';
import { expect, test } from '../support/test';
import { signInAs } from '../support/trpcRequest';

/**
 * The layout rule on every page, for every role: each demo account opens every page its
 * menu leads to (with a record's page, and the create and edit forms, behind each entry:
 * pages/ConsolePages.ts) at a phone's width and at 1280, 1440 and 1920 px. Nowhere may the page
 * scroll sideways; on the wide screens nothing inside <main> may either (a table or box
 * scrolling inside its card, or something reaching past the window's edge) — on a phone a
 * table may scroll inside its card. One test per role and size, so each signs in once;
 * every page's findings are collected (soft) so one run lists them all.
 */

// Twenty-four independent tests: spread over the workers (each finds its own records).
test.describe.configure({ mode: 'parallel' });
// A trace of a hundred page loads costs a third of the run; each finding names its page, element and pixels.
test.use({ trace: 'off' });

const records = sweepRecordsOfWorker();

for (const viewport of LAYOUT_VIEWPORTS) {
  const wide = viewport.width >= 1280;
  for (const account of DEMO_ACCOUNTS) {
    test(`at ${viewport.name} every page of the ${account.role} menu fits the window${wide ? ' and nothing in it scrolls sideways' : ''}`, async ({ page, appShell }) => {
      const pages = pagesFor(account.role, consolePages(records()));
      // A few seconds a page at most, the first visit of each section loading its code.
      test.setTimeout(20_000 + pages.length * 4_000);
      await page.setViewportSize(viewport);
      await signInAs(page.request, account.staff);
      const layout = new LayoutProbe(page);
      const main = page.getByRole('main');
      for (const consolePage of pages) {
        await test.step(consolePage.name, async () => {
          await openConsolePage(page, consolePage);
          const overflow = await layout.horizontalOverflow();
          const culprits = overflow > 1 ? ` (${(await layout.pastTheWindow()).join('; ')})` : '';
          expect.soft(overflow, `${consolePage.name}: the page scrolls sideways by (px)${culprits}`).toBeLessThanOrEqual(1);
          if (wide) expect.soft(await layout.sidewaysOverflowsInside(main), `${consolePage.name}: what scrolls sideways inside <main>`).toEqual([]);
          // One h1 a page, the page's own (ConsolePage): screen readers jump to it; two, or none, leave them guessing.
          if (viewport.width === 1440) expect.soft(await main.getByRole('heading', { level: 1 }).count(), `${consolePage.name}: level-1 headings`).toBe(1);
        });
      }
      if (wide) {
        // The menu (the sidebar, open on wide screens) leads exactly to the entries swept above.
        const links = appShell.menu.getByRole('menuitem');
        await expect.poll(async () => (await links.evaluateAll((items) => items.map((item) => item.getAttribute('href')))).sort()).toEqual(menuEntryPaths(pages).sort());
      }
    });
  }
}
