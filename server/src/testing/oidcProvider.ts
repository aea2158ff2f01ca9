import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (`oidc-provider`) for tests, on 127.0.0.1. Its login
 * and consent screens are replaced by one step that signs in whoever the test chose
 * with `signInAs` (with the amr/acr it chose), so a flow can be walked with fetch alone;
 * everything else (discovery, PKCE, state, ID token signing, userinfo) is the library's.
 */
export interface TestAccount {
  email: string;
  emailVerified: boolean;
  amr?: string[];
  acr?: string;
}

export interface TestOidcClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export async function startOidcProvider(options: { port: number; clients: TestOidcClient[] }) {
  const issuer = `http://127.0.0.1:${options.port}`;
  let next: TestAccount | null = null;
  const accounts = new Map<string, TestAccount>();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const provider = new Provider(issuer, {
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: [client.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    // amr and acr in every ID token, as Okta and Entra ID send them; email claims stay in userinfo (the library's default).
    claims: { acr: null, amr: null, auth_time: null, iss: null, sid: null, openid: ['sub', 'amr', 'acr'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, accountId) => {
      const account = accounts.get(accountId);
      if (!account) return undefined;
      return { accountId, claims: () => ({ sub: accountId, email: account.email, email_verified: account.emailVerified }) };
    },
  });

  const server: Server = createServer((req, res) => {
    if (!req.url?.startsWith('/interaction/')) return provider.callback()(req, res);
    void finishInteraction(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  async function finishInteraction(req: Parameters<Provider['interactionDetails']>[0], res: Parameters<Provider['interactionDetails']>[1]) {
    const details = await provider.interactionDetails(req, res);
    if (!next) throw new Error('The test did not say who signs in (signInAs)');
    const accountId = `acct-${randomBytes(6).toString('hex')}`;
    accounts.set(accountId, next);
    const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    grant.addOIDCScope('openid email');
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId, amr: next.amr, acr: next.acr }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return {
    issuer,
    /** The person the provider signs in on the next authorization request. */
    signInAs(account: TestAccount) {
      next = account;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type TestOidcProvider = Awaited<ReturnType<typeof startOidcProvider>>;
