import { ZEmail } from '@opsdesk/shared';
import type { Config } from '../../config/config.js';
import { isTotpRequiredFor } from '../security/security.queries.js';
import { findStaffByEmail, type StaffRecord } from '../staff/staff.queries.js';
import type { DbOrTrx } from '../../db/database.js';
import type { OidcIdentity } from './oidc.client.js';

/**
 * What a provider's identity means for Opsdesk: which staff member (an existing, active
 * account with that verified email; never a new one), and whether Opsdesk's own TOTP
 * step is still needed. Roles always come from Opsdesk, never from the provider.
 */
export const SSO_ERRORS = {
  provider_unavailable: 'The single sign-on provider did not answer.',
  flow_expired: 'The sign-in took too long or was started in another tab.',
  state_mismatch: 'The answer from the provider did not match this sign-in (state).',
  provider_refused: 'The provider did not sign you in.',
  token_invalid: 'The provider’s answer could not be verified.',
  email_missing: 'The provider did not share an email address.',
  email_unverified: 'The provider has not verified this email address.',
  domain_not_allowed: 'This email domain may not sign in to Opsdesk.',
  unknown_account: 'No Opsdesk staff account has this email.',
  account_disabled: 'This Opsdesk account is disabled.',
  totp_enrollment_required: 'Your role requires an authentication code that is not set up yet.',
  totp_expired: 'The code step expired.',
  sign_in_failed: 'Opsdesk could not finish the sign-in (a server error).',
} as const;

export type SsoErrorCode = keyof typeof SSO_ERRORS;

/** Amr values (RFC 8176) that mean the provider checked a second factor. */
const MFA_AMR = new Set(['mfa', 'otp', 'hwk']);

export type SsoDecision =
  | { kind: 'refused'; code: SsoErrorCode; staff: StaffRecord | undefined }
  | { kind: 'session'; staff: StaffRecord; mfaByProvider: boolean }
  | { kind: 'totp'; staff: StaffRecord; mfaByProvider: boolean };

type MfaSettings = Pick<Config, 'OIDC_ALLOWED_DOMAINS' | 'OIDC_TRUST_PROVIDER_MFA' | 'OIDC_MFA_ACR'>;

export async function decideSsoSignIn(db: DbOrTrx, config: MfaSettings, identity: OidcIdentity): Promise<SsoDecision> {
  if (!identity.email) return { kind: 'refused', code: 'email_missing', staff: undefined };
  if (!identity.emailVerified) return { kind: 'refused', code: 'email_unverified', staff: undefined };
  // Matched only in the shape every staff email was stored in (ZEmail: plain ASCII,
  // lower-cased). Lower-casing anything else folds some letters into ASCII ones
  // (U+212A KELVIN SIGN becomes "k"), so another mailbox would sign in as a member; and a
  // NUL would reach PostgreSQL. No staff account can have such an address.
  const email = ZEmail.safeParse(identity.email);
  if (!email.success) return { kind: 'refused', code: 'unknown_account', staff: undefined };
  const domain = email.data.slice(email.data.lastIndexOf('@') + 1);
  if (config.OIDC_ALLOWED_DOMAINS.length > 0 && !config.OIDC_ALLOWED_DOMAINS.includes(domain)) {
    return { kind: 'refused', code: 'domain_not_allowed', staff: undefined };
  }
  const staff = await findStaffByEmail(db, email.data);
  if (!staff) return { kind: 'refused', code: 'unknown_account', staff };
  if (staff.status !== 'active') return { kind: 'refused', code: 'account_disabled', staff };

  const mfaByProvider = providerAssertedMfa(config, identity);
  // Trusted provider MFA replaces Opsdesk's code; otherwise the code is asked as after a password.
  if (config.OIDC_TRUST_PROVIDER_MFA && mfaByProvider) return { kind: 'session', staff, mfaByProvider };
  if (staff.totpSecret) return { kind: 'totp', staff, mfaByProvider };
  // Enrolling needs the password flow's QR step; SSO does not offer a second copy of it.
  if (await isTotpRequiredFor(db, staff.roles)) return { kind: 'refused', code: 'totp_enrollment_required', staff };
  return { kind: 'session', staff, mfaByProvider };
}

function providerAssertedMfa(config: MfaSettings, identity: OidcIdentity): boolean {
  if (identity.amr.some((value) => MFA_AMR.has(value))) return true;
  return identity.acr !== null && config.OIDC_MFA_ACR.includes(identity.acr);
}
