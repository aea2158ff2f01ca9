import HowToVoteIcon from '@mui/icons-material/HowToVote';
import { Menu, useCanAccess } from 'react-admin';

/** "Appeals" in the main menu (a page of its own, not a resource): for those who may read moderation. */
export function AppealsMenuItem() {
  const { canAccess } = useCanAccess({ resource: 'moderation', action: 'list' });
  if (!canAccess) return null;
  return <Menu.Item to="/moderation-appeals" primaryText="Appeals" leftIcon={<HowToVoteIcon />} />;
}
