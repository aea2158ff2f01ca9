import MenuBookIcon from '@mui/icons-material/MenuBook';
import { lazyPage } from '../../app/lazyPage';

/**
 * Runbook actions (oncall, admin): `<Resource name="runbooks" {...runbooks} />`. The list
 * of actions with active temporary changes and recent runs; an action's page (its name
 * is the id) with the form, plan, run, live output and history.
 */
export const runbooks = {
  list: lazyPage(() => import('./RunbookList'), { resource: 'runbooks', action: 'list' }),
  show: lazyPage(() => import('./RunbookActionPage'), { resource: 'runbooks', action: 'show' }),
  icon: MenuBookIcon,
  options: { label: 'Runbooks' },
};

/** `#/runbook-runs/<runId>`, the page of an audit entry's run: opens it on its action's page. */
export const RunbookRunRoute = lazyPage(() => import('./RunbookRunRedirect'), { resource: 'runbooks', action: 'show' });
