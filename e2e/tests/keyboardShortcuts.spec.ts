import { accessibilityFindings } from '../pages/AccessibilityAudit';
import { DEMO_MODERATOR } from '../support/demoAccounts';
import { expect, test } from '../support/test';
import { signInAs } from '../support/trpcRequest';

/**
 * The console's keyboard shortcuts are found without reading docs: "?" on any page lists
 * them, and so does the user menu (where a phone has no "?" to spare). "?" typed into a
 * field is text, not the shortcut.
 */

test('"?" lists the keyboard shortcuts, Escape closes the list, and a "?" typed in a field stays text', async ({ page, appShell, lookupPalette }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page.request, DEMO_MODERATOR);
  await page.goto('/#/');
  await appShell.expectSignedIn();

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  // The lookup's shortcut with its keys as this keyboard labels them (Linux: Ctrl), and the moderation queue's.
  await expect(help.getByRole('row', { name: 'Ctrl K Find a customer, from any page' })).toBeVisible();
  await expect(help.getByRole('region', { name: 'Moderation' }).getByRole('row', { name: /^N Take the next item/ })).toBeVisible();
  expect(await accessibilityFindings(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // Typing: the lookup's box takes the "?" as part of the search.
  await lookupPalette.openWithShortcut();
  await lookupPalette.input.pressSequentially('who?');
  await expect(lookupPalette.input).toHaveValue('who?');
  await expect(help).toBeHidden();
});

test('on a phone the user menu opens the keyboard shortcuts', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page.request, DEMO_MODERATOR);
  await page.goto('/#/');
  await page.getByRole('banner').getByRole('button', { name: 'Profile' }).click();
  await page.getByRole('menuitem', { name: 'Keyboard shortcuts' }).click();
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  // Nothing of it past the phone's edge.
  const box = (await help.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();
});
