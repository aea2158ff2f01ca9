import { test as base } from '@playwright/test';
import { AccountPage } from '../pages/AccountPage';
import { ActionDialogPage } from '../pages/ActionDialogPage';
import { AppShell } from '../pages/AppShell';
import { ApprovalsPage } from '../pages/ApprovalsPage';
import { AuditListPage } from '../pages/AuditListPage';
import { AuditShowPage } from '../pages/AuditShowPage';
import { CustomerShowPage } from '../pages/CustomerShowPage';
import { LoginPage } from '../pages/LoginPage';
import { LookupPalette } from '../pages/LookupPalette';
import { StaffCreatePage } from '../pages/StaffCreatePage';
import { StaffListPage } from '../pages/StaffListPage';

/**
 * Playwright's `test` with the shared server's address as baseURL (set by globalSetup,
 * which runs after the config is read) and one page object per console view.
 */
interface Views {
  loginPage: LoginPage;
  appShell: AppShell;
  staffListPage: StaffListPage;
  staffCreatePage: StaffCreatePage;
  auditListPage: AuditListPage;
  auditShowPage: AuditShowPage;
  accountPage: AccountPage;
  lookupPalette: LookupPalette;
  customerPage: CustomerShowPage;
  actionDialog: ActionDialogPage;
  approvalsPage: ApprovalsPage;
}

export const test = base.extend<Views>({
  baseURL: async ({}, use) => {
    const url = process.env.OPSDESK_E2E_BASE_URL;
    if (!url) throw new Error('OPSDESK_E2E_BASE_URL is not set: run through playwright.config.ts (globalSetup starts the server).');
    await use(url);
  },
  loginPage: async ({ page }, use) => use(new LoginPage(page)),
  appShell: async ({ page }, use) => use(new AppShell(page)),
  staffListPage: async ({ page }, use) => use(new StaffListPage(page)),
  staffCreatePage: async ({ page }, use) => use(new StaffCreatePage(page)),
  auditListPage: async ({ page }, use) => use(new AuditListPage(page)),
  auditShowPage: async ({ page }, use) => use(new AuditShowPage(page)),
  accountPage: async ({ page }, use) => use(new AccountPage(page)),
  lookupPalette: async ({ page }, use) => use(new LookupPalette(page)),
  customerPage: async ({ page }, use) => use(new CustomerShowPage(page)),
  actionDialog: async ({ page }, use) => use(new ActionDialogPage(page)),
  approvalsPage: async ({ page }, use) => use(new ApprovalsPage(page)),
});

export { expect } from '@playwright/test';
