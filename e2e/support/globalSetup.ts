import { startPostgresForTests } from './postgresForTests';
import { startOpsdesk } from './startOpsdesk';

/**
 * One PostgreSQL and one Opsdesk server for the whole run. Workers read their
 * addresses from the environment (Playwright passes globalSetup's env to workers).
 * The returned function is Playwright's teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const postgres = await startPostgresForTests();
  const opsdesk = await startOpsdesk({ adminDatabaseUrl: postgres.adminUrl, name: 'shared' }).catch(async (error: unknown) => {
    await postgres.stop();
    throw error;
  });
  process.env.OPSDESK_E2E_BASE_URL = opsdesk.baseURL;
  process.env.OPSDESK_E2E_ADMIN_DATABASE_URL = postgres.adminUrl;
  // For the few tests that must set up what no API makes (a scheduled job's run).
  process.env.OPSDESK_E2E_DATABASE_URL = opsdesk.databaseUrl;
  return async () => {
    await opsdesk.stop();
    await postgres.stop();
  };
}
