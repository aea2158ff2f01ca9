import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * The WCAG 2.1 A and AA rules of axe-core (Deque's engine, the one browser audits and
 * Lighthouse use), run on what the page shows now. `best-practice` rules are left out:
 * the audit holds the console to the standard, not to one tool's taste.
 */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * One line per element that breaks a rule: the rule, what axe found, and where — readable
 * in a failed test's message without opening a report. An empty list: nothing found.
 */
export async function accessibilityFindings(page: Page): Promise<string[]> {
  await transitionsFinished(page);
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => {
      const why = (node.failureSummary ?? '').split('\n').slice(1).join(' ').trim();
      return `${violation.id} (${violation.impact ?? 'unknown'}): ${why} at ${node.target.join(' ')}`;
    }),
  );
}

/**
 * Colours are read as painted: a dialog fading in, or a button changing colour as it
 * becomes enabled, reads at the wrong contrast for a moment. Waits for every finite
 * animation and transition running now (a spinner's or a skeleton's never end: left out).
 */
async function transitionsFinished(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}
