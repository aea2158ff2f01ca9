import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { AccountPage } from '../features/account';
import { approvals } from '../features/approvals';
import { audit } from '../features/audit';
import { LoginPage } from '../features/auth/LoginPage';
import { customers } from '../features/customers';
import { FlagKeysRoute, flags } from '../features/flags';
import { jobs } from '../features/jobs';
import { moderation, ModerationAppealsRoute, ModerationBulkRunRoute, ModerationRulesRoute } from '../features/moderation';
import { privacy } from '../features/privacy';
import { revenue } from '../features/revenue';
import { ReconciliationRoute } from '../features/revenue/reconciliation';
import { RunbookRunRoute, runbooks } from '../features/runbooks';
import { security } from '../features/security';
import { signals } from '../features/signals';
import { SloAlertsRoute, slos } from '../features/slo';
import { staff } from '../features/staff';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { Layout } from './Layout';
import { lazyPage } from './lazyPage';
import { queryClient } from './queryClient';
import { darkTheme, lightTheme } from './theme';
import { NotFoundPage } from './NotFoundPage';

const HomePage = lazyPage(() => import('./HomePage'));

/**
 * The console: one <Resource> per feature that has pages. react-admin asks
 * authProvider.canAccess before showing a resource in the menu or opening its pages.
 */
export function App() {
  return (
    <Admin
      title="Opsdesk"
      dataProvider={dataProvider}
      authProvider={authProvider}
      queryClient={queryClient}
      loginPage={LoginPage}
      layout={Layout}
      dashboard={HomePage}
      theme={lightTheme}
      darkTheme={darkTheme}
      catchAll={NotFoundPage}
      requireAuth
      disableTelemetry
    >
      <Resource name="customers" {...customers} />
      <Resource name="approvals" {...approvals} />
      <Resource name="revenue" {...revenue} />
      <Resource name="jobs" {...jobs} />
      <Resource name="runbooks" {...runbooks} />
      <Resource name="signals" {...signals} />
      <Resource name="slos" {...slos} />
      <Resource name="flags" {...flags} />
      <Resource name="moderation" {...moderation} />
      <Resource name="privacy" {...privacy} />
      <Resource name="staff" {...staff} />
      <Resource name="audit" {...audit} />
      <Resource name="security" {...security} />
      <CustomRoutes>
        <Route path="/account" element={<AccountPage />} />
        <Route path="/revenue/reconciliation" element={<ReconciliationRoute />} />
        <Route path="/slo-alerts" element={<SloAlertsRoute />} />
        <Route path="/flags/keys" element={<FlagKeysRoute />} />
        <Route path="/moderation-appeals" element={<ModerationAppealsRoute />} />
        <Route path="/moderation-bulk/:runId" element={<ModerationBulkRunRoute />} />
        <Route path="/moderation-rules" element={<ModerationRulesRoute />} />
        <Route path="/runbook-runs/:runId" element={<RunbookRunRoute />} />
      </CustomRoutes>
    </Admin>
  );
}
