import KeyboardIcon from '@mui/icons-material/Keyboard';
import LockPersonIcon from '@mui/icons-material/ManageAccounts';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import { useEffect, type ReactNode } from 'react';
import { AppBar, Layout as RaLayout, Logout, Menu, MenuItemLink, TitlePortal, UserMenu, useGetIdentity, useSidebarState, useUserMenu } from 'react-admin';
import { ApprovalsMenuItem } from '../features/approvals/ApprovalsMenuItem';
import { AppBarSearch, LookupProvider } from '../features/lookup';
import { AppealsMenuItem } from '../features/moderation/AppealsMenuItem';
import { RulesMenuItem } from '../features/moderation/RulesMenuItem';
import { SloAlertsMenuItem } from '../features/slo/SloAlertsMenuItem';
import { KeyboardShortcutsHelpProvider, useKeyboardShortcutsHelp } from './KeyboardShortcutsHelp';
import { usePhoneLayout } from './usePhoneLayout';

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

/** The shortcuts dialog for those who do not know to press "?" (a phone has no "?" key to spare). */
function KeyboardShortcutsMenuItem() {
  const userMenu = useUserMenu();
  const help = useKeyboardShortcutsHelp();
  return (
    <MenuItem
      onClick={() => {
        userMenu?.onClose();
        help.open();
      }}
    >
      <ListItemIcon>
        <KeyboardIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>Keyboard shortcuts</ListItemText>
    </MenuItem>
  );
}

/**
 * On a wide screen the button shows the member's name; its spoken name must hold it
 * (WCAG 2.5.3, "Ada Admin, profile"), where react-admin's "Profile" replaced it. On a
 * phone it is an icon, named the same.
 */
function AppUserMenu() {
  const { identity } = useGetIdentity();
  return (
    <UserMenu label={identity?.fullName ? `${identity.fullName}, profile` : 'Profile'}>
      <MyAccountMenuItem />
      <KeyboardShortcutsMenuItem />
      <Logout />
    </UserMenu>
  );
}

/**
 * react-admin cuts a long title with an ellipsis, but wraps it in an inline-block (its
 * configurable element), which text-overflow skips: a customer's address was cut
 * mid-letter under the search icon on a phone. The wrapper clips and ends in "…" itself.
 */
const TITLE_WITH_ELLIPSIS = {
  minWidth: 0,
  '& > .RaConfigurable-root': { maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis', verticalAlign: 'top' },
} as const;

function AppAppBar() {
  return (
    <AppBar userMenu={<AppUserMenu />}>
      <TitlePortal sx={TITLE_WITH_ELLIPSIS} />
      <AppBarSearch />
    </AppBar>
  );
}

/**
 * On a phone-sized window react-admin's menu is a modal drawer that shares the wide
 * layout's open/closed state, and that state is "open" on a wide screen. A window made
 * narrow (a browser snapped to half a screen, a tablet turned) therefore got a modal menu
 * that was open: the page behind it hidden from screen readers (`aria-hidden`) and
 * covered by its backdrop, clicks lost. Entering the phone layout closes it; the menu
 * button opens it as on any phone.
 */
function MenuClosedOnPhone() {
  const phone = usePhoneLayout();
  const [, setOpen] = useSidebarState();
  useEffect(() => {
    if (phone) setOpen(false);
  }, [phone, setOpen]);
  return null;
}

export function Layout({ children }: { children: ReactNode }) {
  return (
    <LookupProvider>
      <KeyboardShortcutsHelpProvider>
        <MenuClosedOnPhone />
        <RaLayout menu={AppMenu} appBar={AppAppBar}>
          {children}
        </RaLayout>
      </KeyboardShortcutsHelpProvider>
    </LookupProvider>
  );
}
