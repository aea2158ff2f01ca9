import { hostname } from 'node:os';

/**
 * The label this process writes its samples under: OPSDESK_INSTANCE when set (a pod or
 * container name), else hostname:port, so instances on one host stay apart.
 */
export function signalInstanceName(port: number, configured = process.env.OPSDESK_INSTANCE): string {
  const name = configured?.trim();
  if (name && /^[\w.:@-]{1,100}$/.test(name)) return name;
  return `${hostname()}:${port}`.slice(0, 100);
}
