/** The server's own helper: one copy for the benches and the browser tests. */
export { freePort } from '../../server/src/testing/freePort';
