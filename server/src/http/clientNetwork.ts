import ipaddr from 'ipaddr.js';

/**
 * The network a client address is counted under by every rate limit (sign-in,
 * rateLimitMiddleware): an IPv6 client by its /64 — a subscriber line, a VPS or a phone
 * is routinely given a whole /64 and may use any address in it (RFC 8981), so counting
 * single addresses would give one client 2^64 allowances; an IPv4 client seen as
 * IPv4-mapped IPv6 (`::ffff:a.b.c.d`, on a dual-stack socket) by its IPv4 address, not
 * one /64 shared by every IPv4 client. Anything that is not an address comes back as is.
 */
export function clientNetworkOf(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.parse(ip);
  if (address.kind() === 'ipv4') return address.toString();
  const v6 = address as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${v6.toNormalizedString()}/64`).toString()}/64`;
}
