import { useQuery } from '@tanstack/react-query';

/**
 * Staff single sign-on in the browser. The flow itself is a chain of full-page
 * redirects (GET /auth/oidc/start → the provider → /auth/oidc/callback), so the only
 * calls made from here are the server's public /api/config (is SSO on, and its label)
 * and the code step after SSO (POST /auth/oidc/totp) — plain routes, not tRPC procedures.
 */
export const SSO_START_URL = '/auth/oidc/start';

/** What /auth/oidc/callback put in /#/login?… : an error code, or `sso=totp` for the code step. */
export const SSO_ERROR_MESSAGES: Record<string, string> = {
  provider_unavailable: 'The single sign-on provider did not answer. Try again in a moment, or sign in with your password.',
  flow_expired: 'The single sign-on attempt expired or was started in another tab. Try again.',
  state_mismatch: 'The answer from the single sign-on provider did not match this sign-in. Try again.',
  provider_refused: 'The single sign-on provider did not sign you in.',
  token_invalid: 'The single sign-on provider’s answer could not be verified. Try again, or ask an admin.',
  email_missing: 'The single sign-on provider did not share your email address. Ask an admin.',
  email_unverified: 'Your email address is not verified with the single sign-on provider.',
  domain_not_allowed: 'Accounts with this email domain may not sign in to Opsdesk.',
  unknown_account: 'There is no Opsdesk account for this email. Ask an admin to invite you.',
  account_disabled: 'Your Opsdesk account is disabled. Ask an admin.',
  totp_enrollment_required: 'Your role requires two-factor authentication: sign in once with your email and password to set it up.',
  sign_in_failed: 'Opsdesk could not finish signing you in. Try again in a moment; if it keeps failing, tell an admin.',
};

export function ssoErrorMessage(code: string): string {
  return SSO_ERROR_MESSAGES[code] ?? 'Single sign-on failed. Try again, or sign in with your password.';
}

/** The query part of the hash route (`#/login?sso_error=…`). */
export function readSsoRedirect(hash: string = window.location.hash): { error: string | null; totpStep: boolean } {
  const query = new URLSearchParams(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '');
  return { error: query.get('sso_error'), totpStep: query.get('sso') === 'totp' };
}

interface SsoConfig {
  name: string;
}

async function fetchSsoConfig(): Promise<SsoConfig | null> {
  const response = await fetch('/api/config', { headers: { accept: 'application/json' } });
  if (!response.ok) return null;
  return ((await response.json()) as { sso?: SsoConfig | null }).sso ?? null;
}

/** `{ name }` when the server has single sign-on configured; null otherwise (or while unknown). */
export function useSsoConfig(): SsoConfig | null {
  const { data } = useQuery({ queryKey: ['public-config', 'sso'], queryFn: fetchSsoConfig, staleTime: Infinity });
  return data ?? null;
}

/** The code step after SSO: resolves when the session is open, throws with the server's message otherwise. */
export async function submitSsoTotpCode(code: string): Promise<void> {
  const response = await fetch('/auth/oidc/totp', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-opsdesk-csrf': '1' },
    body: JSON.stringify({ code }),
  });
  if (response.ok) return;
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  throw new Error(body?.error?.message ?? 'The code could not be checked. Try again.');
}
