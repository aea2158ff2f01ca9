import RuleIcon from '@mui/icons-material/Rule';
import { Menu, useCanAccess } from 'react-admin';

/** "Mod rules" in the main menu (a page of its own): for those who may read moderation. */
export function RulesMenuItem() {
  const { canAccess } = useCanAccess({ resource: 'moderation', action: 'list' });
  if (!canAccess) return null;
  return <Menu.Item to="/moderation-rules" primaryText="Mod rules" leftIcon={<RuleIcon />} />;
}
