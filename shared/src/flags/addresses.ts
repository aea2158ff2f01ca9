import { Address4, Address6 } from 'ip-address';

/**
 * `ip-address` parsing without its `isValid` (which parses, throws away, and makes the
 * caller parse again). Same acceptance as unleash-client, which uses the same package.
 */
export function parseAddress4(text: string): Address4 | null {
  try {
    return new Address4(text);
  } catch {
    return null;
  }
}

export function parseAddress6(text: string): Address6 | null {
  try {
    return new Address6(text);
  } catch {
    return null;
  }
}
