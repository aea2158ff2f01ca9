import { hostname } from 'node:os';

/**
 * The label this process writes its samples under: OPSDESK_INSTANCE when set (a pod or
 * container name; checked by config.ts), else hostname:port, so instances on one host stay apart.
 */
export function signalInstanceName(port: number, configured: string | undefined): string {
  return configured ?? `${hostname()}:${port}`.slice(0, 100);
}
