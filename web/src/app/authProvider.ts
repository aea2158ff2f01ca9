import { canAccessResource, type Role, type TSessionStaff } from '@opsdesk/shared';
import type { AuthProvider } from 'react-admin';
import { LoginStepRequired, type LoginParams } from '../features/auth/loginSteps';
import { queryClient } from './queryClient';
import { trpcClient } from './trpcClient';
import { errorCode } from './trpcErrors';

/**
 * Sessions live in an httpOnly cookie the page cannot read, so "who am I" comes from
 * auth.me. It is remembered here so the menu's many canAccess checks cost one request.
 */
let currentStaff: TSessionStaff | null = null;
// react-admin asks checkAuth, getIdentity and canAccess at once on load: share one auth.me.
let pendingMe: Promise<TSessionStaff | null> | null = null;

function loadStaff(): Promise<TSessionStaff | null> {
  if (currentStaff) return Promise.resolve(currentStaff);
  pendingMe ??= trpcClient.auth.me
    .query()
    .then((staff) => (currentStaff = staff))
    .catch((error: unknown) => {
      if (errorCode(error) === 'UNAUTHORIZED') return null;
      throw error;
    })
    .finally(() => (pendingMe = null));
  return pendingMe;
}

export const authProvider: AuthProvider = {
  async login(params: LoginParams) {
    const result = await trpcClient.auth.login.mutate(params);
    if (result.status === 'totp_required') throw new LoginStepRequired({ kind: 'totp' });
    if (result.status === 'totp_enrollment_required') {
      const { secret, otpauthUri, enrollmentToken } = result;
      throw new LoginStepRequired({ kind: 'enrollment', secret, otpauthUri, enrollmentToken });
    }
    currentStaff = result.staff;
    // Access answers computed for the previous (or no) session must not survive.
    await queryClient.invalidateQueries({ queryKey: ['auth'] });
  },

  async logout() {
    const hadSession = currentStaff !== null;
    currentStaff = null;
    if (!hadSession) return;
    // Already-expired sessions answer 401; the page is signed out either way.
    await trpcClient.auth.logout.mutate().catch(() => undefined);
  },

  async checkAuth() {
    if (!(await loadStaff())) throw new Error('Please sign in.');
  },

  async checkError(error: { status?: number }) {
    // 401: the session ended (expired, revoked, disabled) → back to the login page.
    // 403 stays signed in: the page shows the refusal instead.
    if (error?.status === 401) {
      currentStaff = null;
      throw new Error('Your session has ended. Please sign in again.');
    }
  },

  async getIdentity() {
    const staff = await loadStaff();
    if (!staff) throw new Error('Not signed in.');
    return { id: staff.id, fullName: staff.name, email: staff.email, roles: staff.roles };
  },

  async getPermissions(): Promise<Role[]> {
    return (await loadStaff())?.roles ?? [];
  },

  /** The same table the server's authorize middleware reads (@opsdesk/shared). */
  async canAccess({ resource, action }) {
    const staff = await loadStaff();
    return staff !== null && canAccessResource(staff.roles, resource, action);
  },
};
