import * as client from 'openid-client';
import type { Config } from '../../config/config.js';

/**
 * The OpenID Connect relying party (openid-client): discovery, the authorization URL
 * with PKCE, state and nonce, and the code exchange. Edit when the provider protocol
 * changes; what Opsdesk does with the identity lives in oidc.service.ts.
 */
export type OidcSettings = Pick<Config, 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_CLIENT_SECRET' | 'production'>;

/** What the browser carries between /start and /callback (signed, in a short-lived cookie). */
export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The verified facts the provider asserted about the person. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  amr: string[];
  acr: string | null;
}

/** The provider did not answer (down, slow, unreachable): the sign-in page says so. */
export class ProviderUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The single sign-on provider did not answer.', { cause });
    this.name = 'ProviderUnavailableError';
  }
}

/** Seconds any single request to the provider may take, discovery included: never hang a sign-in. */
const PROVIDER_TIMEOUT_SECONDS = 5;

export function createOidcClient(settings: OidcSettings & { OIDC_ISSUER: string; OIDC_CLIENT_ID: string; OIDC_CLIENT_SECRET: string }) {
  // Cached once it succeeds; a failure is not cached, so a provider that comes back is used.
  let discovered: Promise<client.Configuration> | null = null;

  function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(new URL(settings.OIDC_ISSUER), settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET, undefined, {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        // Plain-HTTP issuers only outside production (config.ts refuses them there): local providers and tests.
        execute: settings.OIDC_ISSUER.startsWith('http://') && !settings.production ? [client.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        discovered = null;
        throw new ProviderUnavailableError(error);
      });
    return discovered;
  }

  async function authorizationUrl(redirectUri: string): Promise<{ url: URL; flow: OidcFlow }> {
    const config = await configuration();
    const flow = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, flow };
  }

  /**
   * Exchanges the code (checking state, PKCE, the ID token's signature, issuer, audience,
   * expiry and nonce). Email claims come from the ID token, or from userinfo when the
   * provider keeps them there (bound to the same subject).
   */
  async function exchangeCode(callbackUrl: URL, flow: OidcFlow): Promise<OidcIdentity> {
    const config = await configuration();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('The provider returned no ID token');
    let profile: { email?: unknown; email_verified?: unknown } = { email: claims.email, email_verified: claims.email_verified };
    if (typeof claims.email !== 'string' || claims.email_verified === undefined) {
      profile = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    }
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof profile.email === 'string' ? profile.email : null,
      emailVerified: profile.email_verified === true,
      amr: Array.isArray(claims.amr) ? claims.amr.filter((value): value is string => typeof value === 'string') : [],
      acr: typeof claims.acr === 'string' ? claims.acr : null,
    };
  }

  return { configuration, authorizationUrl, exchangeCode };
}

export type OidcClient = ReturnType<typeof createOidcClient>;
