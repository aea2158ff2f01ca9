/** The server's own test OpenID Connect provider (a real oidc-provider): one copy for server and browser tests. */
export { startOidcProvider, type TestOidcProvider } from '../../server/src/testing/oidcProvider';
