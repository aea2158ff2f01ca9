import { canAccessResource, ROLES, type Role } from '@opsdesk/shared';
import { Button, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useGetIdentity } from 'react-admin';
import type { PageAccess } from './lazyPage';
import { ConsolePage } from './ConsolePage';
import { roleListText } from './roleWords';

/**
 * What someone sees on a page their roles do not open (a link or a typed address): which
 * roles open it, the roles they hold, who can change that, and a way on. react-admin's
 * own "Access denied" said only that they lacked "the right permissions", with no way
 * out but the menu. The roles come from the shared permission table, as the server's do.
 */
export function PageAccessDenied({ access }: { access: PageAccess }) {
  const { identity } = useGetIdentity();
  const held = (identity?.roles as Role[] | undefined) ?? [];
  const opening = ROLES.filter((role) => canAccessResource([role], access.resource, access.action));
  return (
    <ConsolePage title="Access denied" maxWidth={640}>
      <Typography>
        {opening.length > 0 ? `This page is open to ${roleListText(opening)} staff.` : 'No role opens this page.'}
        {held.length > 0 && ` Your roles: ${roleListText(held)}.`}
      </Typography>
      <Typography color="text.secondary">If your work needs it, an admin can add the role to your account on the Staff page. The server refuses this page's data to your roles too.</Typography>
      <Stack direction="row">
        <Button component={RouterLink} to="/" variant="outlined">
          Go to the home page
        </Button>
      </Stack>
    </ConsolePage>
  );
}
