import LockPersonIcon from '@mui/icons-material/ManageAccounts';
import type { ReactNode } from 'react';
import { AppBar, Layout as RaLayout, Logout, Menu, MenuItemLink, UserMenu, useUserMenu } from 'react-admin';

/**
 * The shell: react-admin's layout with a menu built from the resources the staff
 * member may list (react-admin asks authProvider.canAccess for each) plus "My account",
 * which every signed-in staff member has.
 */
function AppMenu() {
  return (
    <Menu aria-label="Main navigation">
      <Menu.DashboardItem primaryText="Home" />
      <Menu.ResourceItems />
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
  return <AppBar userMenu={<AppUserMenu />} />;
}

export function Layout({ children }: { children: ReactNode }) {
  return (
    <RaLayout menu={AppMenu} appBar={AppAppBar}>
      {children}
    </RaLayout>
  );
}
