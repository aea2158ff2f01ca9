import LockPersonIcon from '@mui/icons-material/ManageAccounts';
import type { ReactNode } from 'react';
import { AppBar, Layout as RaLayout, Logout, Menu, MenuItemLink, TitlePortal, UserMenu, useUserMenu } from 'react-admin';
import { ApprovalsMenuItem } from '../features/approvals/ApprovalsMenuItem';
import { AppBarSearch, LookupProvider } from '../features/lookup';
import { AppealsMenuItem } from '../features/moderation/AppealsMenuItem';
import { RulesMenuItem } from '../features/moderation/RulesMenuItem';
import { SloAlertsMenuItem } from '../features/slo/SloAlertsMenuItem';

/**
 * The shell: react-admin's layout with a menu built from the resources the staff
 * member may list (each ResourceItem asks authProvider.canAccess) plus "My account",
 * which every signed-in staff member has; the customer lookup in the app bar and on
 * Ctrl/Cmd-K, on every screen.
 */
function AppMenu() {
  return (
    <Menu aria-label="Main navigation">
      <Menu.DashboardItem primaryText="Home" />
      <Menu.ResourceItem name="customers" />
      <ApprovalsMenuItem />
      <Menu.ResourceItem name="revenue" />
      <Menu.ResourceItem name="jobs" />
      <Menu.ResourceItem name="runbooks" />
      <Menu.ResourceItem name="signals" />
      <Menu.ResourceItem name="slos" />
      <SloAlertsMenuItem />
      <Menu.ResourceItem name="flags" />
      <Menu.ResourceItem name="moderation" />
      <AppealsMenuItem />
      <RulesMenuItem />
      <Menu.ResourceItem name="privacy" />
      <Menu.ResourceItem name="staff" />
      <Menu.ResourceItem name="audit" />
      <Menu.ResourceItem name="security" />
      <Menu.Item to="/account" primaryText="My account" leftIcon={<LockPersonIcon />} />
    </Menu>
  );
}

function MyAccountMenuItem() {
  const userMenu = useUserMenu();
  return <MenuItemLink to="/account" primaryText="My account" leftIcon={<LockPersonIcon />} onClick={() => userMenu?.onClose()} />;
}

function AppUserMenu() {
  return (
    <UserMenu>
      <MyAccountMenuItem />
      <Logout />
    </UserMenu>
  );
}

function AppAppBar() {
  return (
    <AppBar userMenu={<AppUserMenu />}>
      <TitlePortal />
      <AppBarSearch />
    </AppBar>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  return (
    <LookupProvider>
      <RaLayout menu={AppMenu} appBar={AppAppBar}>
        {children}
      </RaLayout>
    </LookupProvider>
  );
}
